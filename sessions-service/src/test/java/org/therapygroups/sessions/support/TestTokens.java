package org.therapygroups.sessions.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Tokens {@code <sub>|<role>} for a WebSocket's STOMP CONNECT frame, read by a test
 * decoder (the end-to-end test uses Keycloak's).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokens {

	public static String token(Caller caller) {
		return caller.id() + "|" + caller.role();
	}

	@Bean
	@Primary
	JwtDecoder testTokens() {
		return (token) -> {
			String[] parts = token.split("\\|");
			if (parts.length != 2) {
				throw new BadJwtException("not a test token");
			}
			return Jwt.withTokenValue(token)
				.header("alg", "none")
				.subject(parts[0])
				.claim("realm_access", Map.of("roles", List.of(parts[1])))
				.issuedAt(Instant.now())
				.expiresAt(Instant.now().plusSeconds(300))
				.build();
		};
	}

}
