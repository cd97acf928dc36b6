package org.therapygroups.gateway.security;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * HTTP client for the identity provider. Bounded timeouts keep a hanging Keycloak from
 * holding requests (and health probes) open indefinitely.
 */
final class IdentityProviderClient {

	private IdentityProviderClient() {
	}

	static WebClient create(Duration connectTimeout, Duration responseTimeout) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
			.responseTimeout(responseTimeout);
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
	}

}
