package org.therapygroups.gateway.security;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Ready only when the identity provider serves its signing keys: without them no token
 * can be verified and every protected request would fail.
 */
class KeycloakHealthIndicator implements ReactiveHealthIndicator {

	private final WebClient client;

	private final URI jwkSetUri;

	private final Duration timeout;

	KeycloakHealthIndicator(WebClient client, URI jwkSetUri, Duration timeout) {
		this.client = client;
		this.jwkSetUri = jwkSetUri;
		this.timeout = timeout;
	}

	@Override
	public Mono<Health> health() {
		return this.client.get()
			.uri(this.jwkSetUri)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.timeout(this.timeout)
			.map((status) -> (status == 200) ? Health.up().build() : Health.down().withDetail("status", status).build())
			.onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", ex.getClass().getSimpleName()).build()));
	}

}
