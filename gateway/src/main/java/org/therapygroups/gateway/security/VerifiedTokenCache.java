package org.therapygroups.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the tokens the gateway has verified until they expire, so a caller's next
 * requests skip parsing and the signature check, the largest share of the gateway's own
 * work per request. Only tokens that passed every check are kept, each one no longer than
 * its {@code exp} (plus the allowed clock skew, as the validator allows); anything else
 * goes to the real decoder. The services verify every token themselves regardless, so a
 * signing key withdrawn from the identity provider stops a cached token there at once and
 * here within the token's remaining lifetime (minutes).
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder decoder;

	private final Cache<String, Jwt> verified;

	private final Duration clockSkew;

	private final Clock clock;

	VerifiedTokenCache(ReactiveJwtDecoder decoder, long maxTokens, Duration clockSkew, Clock clock) {
		this.decoder = decoder;
		this.clockSkew = clockSkew;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maxTokens)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt)))
			.build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null && lifetime(known).isPositive()) {
			return Mono.just(known);
		}
		return this.decoder.decode(token).doOnNext((jwt) -> this.verified.put(token, jwt));
	}

	/** Until {@code exp} plus the clock skew; tokens without {@code exp} are not kept. */
	private Duration lifetime(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt.plus(this.clockSkew));
		return left.isNegative() ? Duration.ZERO : left;
	}

}
