package org.therapygroups.platform.health;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import org.therapygroups.platform.security.SecurityProperties;

/** Ready only when the signing keys can be fetched: without them no token validates. */
class KeycloakHealthIndicator extends AbstractHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final SecurityProperties properties;

	KeycloakHealthIndicator(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.properties.jwkSetUri()).timeout(TIMEOUT).GET().build();
		int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		(status == 200 ? builder.up() : builder.down()).withDetail("status", status);
	}

}
