package org.therapygroups.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.therapygroups.gateway.support.TestTokens;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The validators the application uses, on a decoder that trusts a test key. */
class JwtValidationTest {

	static final TestTokens tokens = TestTokens.generate();

	final NimbusReactiveJwtDecoder decoder = decoder(tokens);

	static NimbusReactiveJwtDecoder decoder(TestTokens trusted) {
		SecurityProperties properties = new SecurityProperties(TestTokens.ISSUER, URI.create("http://unused/certs"),
				TestTokens.AUDIENCE, Duration.ofSeconds(10));
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(trusted.publicKey()).build();
		decoder.setJwtValidator(JwtValidation.validator(properties));
		return decoder;
	}

	@Test
	void acceptsAGoodToken() {
		Jwt jwt = this.decoder.decode(tokens.token()).block();
		assertThat(jwt.getSubject()).isEqualTo("user-1");
		assertThat(jwt.getAudience()).contains(TestTokens.AUDIENCE);
	}

	@Test
	void rejectsAnotherIssuer() {
		assertRejected(tokens.token((claims) -> claims.issuer("http://evil.example/realms/therapy")), "iss");
	}

	@Test
	void rejectsAnotherAudience() {
		assertRejected(tokens.token((claims) -> claims.audience(List.of("account", "other-api"))), "aud");
	}

	@Test
	void rejectsATokenWithoutAudience() {
		assertRejected(tokens.token((claims) -> claims.audience((String) null)), "aud");
	}

	@Test
	void rejectsAnExpiredToken() {
		Instant past = Instant.now().minusSeconds(60);
		assertRejected(tokens
			.token((claims) -> claims.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past))),
				"expired");
	}

	@Test
	void toleratesExpiryWithinTheClockSkew() {
		Instant justNow = Instant.now().minusSeconds(3);
		String token = tokens.token(
				(claims) -> claims.issueTime(Date.from(justNow.minusSeconds(300))).expirationTime(Date.from(justNow)));
		assertThat(this.decoder.decode(token).block()).isNotNull();
	}

	@Test
	void rejectsATokenNotYetValid() {
		assertRejected(tokens.token((claims) -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))),
				"used before");
	}

	@Test
	void rejectsATokenSignedWithAnotherKey() {
		String forged = TestTokens.generate().token();
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(forged).block())
			.havingRootCause()
			.withMessageContaining("Invalid signature");
	}

	private void assertRejected(String token, String reason) {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode(token).block())
			.satisfies((ex) -> assertThat(ex.getErrors().toString()).containsIgnoringCase(reason));
	}

}
