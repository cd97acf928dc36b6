package org.therapygroups.gateway.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The web app the gateway serves as backend-for-frontend.
 *
 * @param publicUrl where people open the app; the only origin allowed on {@code /ws/**}
 * and the base of the redirects after sign-in and sign-out
 * @param clientId the confidential Keycloak client of the web app
 * @param clientSecret its secret, known to the gateway only
 * @param tokenUri where the gateway redeems codes and refresh tokens; may be an internal
 * address, while the browser is sent to the issuer's public one
 * @param sessionTimeout how long a browser session lasts without a request
 */
@ConfigurationProperties("therapy.web")
public record WebAppProperties(URI publicUrl, String clientId, String clientSecret, URI tokenUri,
		Duration sessionTimeout) {

	public WebAppProperties {
		Assert.notNull(publicUrl, "therapy.web.public-url must be set");
		Assert.hasText(clientId, "therapy.web.client-id must be set");
		Assert.hasText(clientSecret, "therapy.web.client-secret must be set");
		Assert.notNull(tokenUri, "therapy.web.token-uri must be set");
		Assert.isTrue(sessionTimeout != null && sessionTimeout.toSeconds() >= 60,
				"therapy.web.session-timeout must be at least a minute");
	}

	/** The origin a browser sends with requests from the app's own pages. */
	public String origin() {
		int port = this.publicUrl.getPort();
		return this.publicUrl.getScheme() + "://" + this.publicUrl.getHost() + ((port == -1) ? "" : ":" + port);
	}

	/** Cookies are marked {@code Secure} whenever the app is served over HTTPS. */
	public boolean secureCookies() {
		return "https".equalsIgnoreCase(this.publicUrl.getScheme());
	}

}
