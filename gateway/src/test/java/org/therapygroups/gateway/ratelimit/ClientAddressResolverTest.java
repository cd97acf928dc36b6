package org.therapygroups.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressResolverTest {

	@Test
	void ignoresForwardedForWithoutTrustedProxies() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of());
		assertThat(resolver.resolve(request("10.0.0.7", "203.0.113.9"))).isEqualTo("10.0.0.7");
	}

	@Test
	void ignoresForwardedForFromAnUntrustedPeer() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
		assertThat(resolver.resolve(request("192.0.2.1", "203.0.113.9"))).isEqualTo("192.0.2.1");
	}

	@Test
	void takesTheFirstUntrustedHopFromTheRight() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
		// The client forged 1.2.3.4; the proxy at 10.0.0.2 saw 203.0.113.9 and appended
		// it.
		assertThat(resolver.resolve(request("10.0.0.7", "1.2.3.4, 203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
	}

	@Test
	void stopsAtEntriesThatAreNotAddresses() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.7"));
		assertThat(resolver.resolve(request("10.0.0.7", "evil.example.com"))).isEqualTo("10.0.0.7");
	}

	@Test
	void readsIpv6Addresses() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("::1"));
		assertThat(resolver.resolve(request("::1", "2001:db8::5"))).isEqualTo("2001:db8::5");
	}

	private static MockServerHttpRequest request(String remote, String forwardedFor) {
		return MockServerHttpRequest.get("/api/sessions/me")
			.remoteAddress(new InetSocketAddress(remote, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

}
