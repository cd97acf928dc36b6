package org.therapygroups.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Where tokens come from and what they must say.
 *
 * @param issuerUri the exact {@code iss} every token must carry
 * @param jwkSetUri where the signing keys are fetched, lazily, so the gateway can start
 * before the identity provider
 * @param audience a value the {@code aud} claim must contain
 * @param clockSkew tolerance for {@code exp} and {@code nbf} against our clock
 */
@ConfigurationProperties("therapy.security")
record SecurityProperties(String issuerUri, URI jwkSetUri, String audience, Duration clockSkew) {

	SecurityProperties {
		Assert.hasText(issuerUri, "therapy.security.issuer-uri must be set");
		Assert.notNull(jwkSetUri, "therapy.security.jwk-set-uri must be set");
		Assert.hasText(audience, "therapy.security.audience must be set");
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(),
				"therapy.security.clock-skew must be zero or positive");
	}

}
