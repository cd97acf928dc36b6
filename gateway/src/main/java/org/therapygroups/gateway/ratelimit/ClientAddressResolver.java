package org.therapygroups.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.util.StringUtils;

/**
 * The address a request comes from. {@code X-Forwarded-For} is read only when the
 * connection comes from a trusted proxy, and then from the right: each trusted hop
 * vouches for the entry before it, and the first untrusted entry is the client. Anything
 * further left was written by the client itself and could be forged.
 */
final class ClientAddressResolver {

	static final String UNKNOWN = "unknown";

	private final List<InetAddressMatcher> trustedProxies;

	ClientAddressResolver(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(InetAddressMatchers::fromIpAddress).toList();
	}

	String resolve(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return UNKNOWN;
		}
		String client = remote.getAddress().getHostAddress();
		List<String> hops = forwardedFor(request);
		for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
			String hop = hops.get(i);
			if (!isIpAddress(hop)) {
				break;
			}
			client = hop;
		}
		return client;
	}

	private boolean isTrusted(String address) {
		try {
			return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<String> forwardedFor(ServerHttpRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
			for (String hop : StringUtils.commaDelimitedListToStringArray(header)) {
				hops.add(hop.trim());
			}
		}
		return hops;
	}

	private static boolean isIpAddress(String candidate) {
		try {
			// Parses literals only: host names are refused, never looked up in DNS.
			InetAddressMatchers.fromIpAddress(candidate);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
