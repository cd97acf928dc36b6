package org.therapygroups.platform.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TokenValidatorTests {

	private static final String ISSUER = "http://127.0.0.1:8180/realms/therapy";

	private final OAuth2TokenValidator<Jwt> validator = ResourceServerAutoConfiguration
		.tokenValidator(new SecurityProperties(ISSUER, URI.create(ISSUER + "/protocol/openid-connect/certs"),
				"therapy-api", Duration.ofSeconds(10), List.of(), List.of()));

	@Test
	void acceptsACurrentTokenOfTheIssuerForTheApi() {
		assertThat(
				this.validator.validate(token(ISSUER, List.of("therapy-api", "account"), Instant.now().plusSeconds(60)))
					.hasErrors())
			.isFalse();
	}

	@Test
	void rejectsAnotherIssuer() {
		assertThat(this.validator
			.validate(token("http://localhost:8180/realms/therapy", List.of("therapy-api"),
					Instant.now().plusSeconds(60)))
			.hasErrors()).isTrue();
	}

	@Test
	void rejectsAnotherAudience() {
		assertThat(
				this.validator.validate(token(ISSUER, List.of("account"), Instant.now().plusSeconds(60))).hasErrors())
			.isTrue();
	}

	@Test
	void rejectsATokenExpiredBeyondTheClockSkew() {
		assertThat(this.validator.validate(token(ISSUER, List.of("therapy-api"), Instant.now().minusSeconds(11)))
			.hasErrors()).isTrue();
		assertThat(this.validator.validate(token(ISSUER, List.of("therapy-api"), Instant.now().minusSeconds(5)))
			.hasErrors()).isFalse();
	}

	private static Jwt token(String issuer, List<String> audience, Instant expiresAt) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(issuer)
			.audience(audience)
			.subject("3f1c")
			.issuedAt(expiresAt.minusSeconds(300))
			.expiresAt(expiresAt)
			.build();
	}

}
