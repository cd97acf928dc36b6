package org.therapygroups.gateway.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The one place that decides which claims make a token acceptable, shared by the
 * application's decoder and the tests.
 */
final class JwtValidation {

	private JwtValidation() {
	}

	static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
		// Spring checks aud only when asked; Keycloak tokens carry one once the realm
		// maps it.
		return JwtValidators.createDefaultWithValidators(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuerUri()), new JwtAudienceValidator(properties.audience()));
	}

}
