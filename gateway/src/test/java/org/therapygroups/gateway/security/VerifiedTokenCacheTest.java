package org.therapygroups.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.therapygroups.gateway.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real decoder and validators behind the cache, counting how often they are asked.
 */
class VerifiedTokenCacheTest {

	static final TestTokens tokens = TestTokens.generate();

	final NimbusReactiveJwtDecoder real = JwtValidationTest.decoder(tokens);

	final AtomicInteger verifications = new AtomicInteger();

	final ReactiveJwtDecoder counted = (token) -> {
		this.verifications.incrementAndGet();
		return this.real.decode(token);
	};

	final MovableClock clock = new MovableClock(Instant.now());

	final VerifiedTokenCache cache = new VerifiedTokenCache(this.counted, 100, Duration.ofSeconds(10), this.clock);

	@Test
	void verifiesATokenOnceAndAnswersRepeatsFromMemory() {
		String token = tokens.token();
		Jwt first = this.cache.decode(token).block();
		Jwt again = this.cache.decode(token).block();
		assertThat(again).isSameAs(first);
		assertThat(again.getSubject()).isEqualTo("user-1");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void neverRemembersARejectedToken() {
		String foreign = tokens.token((claims) -> claims.issuer("http://evil.example/realms/therapy"));
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.cache.decode(foreign).block()).isInstanceOf(JwtValidationException.class);
		}
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void verifiesAgainOnceTheTokenHasExpired() {
		Instant expiry = Instant.now().plusSeconds(60);
		String token = tokens.token((claims) -> claims.expirationTime(Date.from(expiry)));
		this.cache.decode(token).block();
		this.clock.set(expiry.plusSeconds(9));
		this.cache.decode(token).block();
		assertThat(this.verifications).as("within the clock skew").hasValue(1);
		this.clock.set(expiry.plusSeconds(11));
		this.cache.decode(token).onErrorResume((ex) -> Mono.empty()).block();
		assertThat(this.verifications).as("past exp plus the clock skew").hasValue(2);
	}

	@Test
	void aSignatureByAnotherKeyIsNotMistakenForACachedToken() {
		String token = tokens.token();
		this.cache.decode(token).block();
		String forged = TestTokens.generate().token();
		assertThatThrownBy(() -> this.cache.decode(forged).block()).isInstanceOf(BadJwtException.class)
			.rootCause()
			.hasMessageContaining("Invalid signature");
	}

	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
