package org.therapygroups.auth.invitation;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The client address the acceptance rate limit counts. {@code X-Forwarded-For} is
 * believed only when the connection comes from a trusted proxy (the gateway, which
 * replaces the header with the one address it vouches for), and then only its last entry,
 * the one that proxy wrote. From anybody else the header is ignored: a caller cannot pick
 * a fresh address for every attempt.
 */
@Component
class ClientAddresses {

	private final List<InetAddressMatcher> trustedProxies;

	/**
	 * @param trustedProxies addresses or CIDR ranges of the gateway; by default loopback
	 * and the private ranges, which only the deployment's own hosts use
	 */
	ClientAddresses(@Value("${therapy.security.trusted-proxies}") List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream()
			.filter(StringUtils::hasText)
			.map(String::strip)
			.map(InetAddressMatchers::fromIpAddress)
			.toList();
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank() || !isTrusted(peer)) {
			return peer;
		}
		String[] hops = StringUtils.commaDelimitedListToStringArray(forwarded);
		String last = (hops.length > 0) ? hops[hops.length - 1].strip() : "";
		return last.isEmpty() ? peer : last;
	}

	private boolean isTrusted(String address) {
		try {
			return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
