package org.therapygroups.gateway.support;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs Keycloak-shaped access tokens with a throwaway RSA key. */
public final class TestTokens {

	public static final String ISSUER = "http://127.0.0.1:8180/realms/therapy";

	public static final String AUDIENCE = "therapy-api";

	private final RSAKey key;

	private TestTokens(RSAKey key) {
		this.key = key;
	}

	public static TestTokens generate() {
		try {
			return new TestTokens(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String jwks() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	public RSAPublicKey publicKey() {
		try {
			return this.key.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A valid token for subject {@code user-1} with realm role {@code therapist}. */
	public String token() {
		return token((claims) -> {
		});
	}

	/** A valid token, then changed by {@code customizer}. */
	public String token(Consumer<JWTClaimsSet.Builder> customizer) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(List.of(AUDIENCE, "account"))
			.subject("user-1")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("realm_access", Map.of("roles", List.of("therapist")));
		customizer.accept(claims);
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
