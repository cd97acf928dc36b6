package org.therapygroups.auth.invitation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Failed attempts per address, every attempt per code; an attempt that did not fail on
 * its code gives the address its reservation back.
 */
class AcceptRateLimiterTests {

	private final AcceptRateLimiter limiter = limiter(2, 1, 3, 1, Clock.systemUTC());

	@Test
	void refusesAnAddressBeyondItsFailedAttemptsButNotOthers() {
		this.limiter.acquire("10.0.0.1", "hash-1");
		this.limiter.acquire("10.0.0.1", "hash-2");
		assertThatThrownBy(() -> this.limiter.acquire("10.0.0.1", "hash-3")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> {
					assertThat(problem.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
					assertThat(problem.retryAfterSeconds()).isPositive();
				});
		assertThatNoException().isThrownBy(() -> this.limiter.acquire("10.0.0.2", "hash-3"));
	}

	@Test
	void attemptsThatDidNotFailOnTheirCodeDoNotCountAgainstTheAddress() {
		for (int i = 0; i < 50; i++) {
			this.limiter.acquire("10.0.0.3", "hash-of-code-" + i);
			this.limiter.notAFailure("10.0.0.3");
		}
		this.limiter.acquire("10.0.0.3", "wrong-1");
		this.limiter.acquire("10.0.0.3", "wrong-2");
		assertThatThrownBy(() -> this.limiter.acquire("10.0.0.3", "wrong-3")).isInstanceOf(ApiProblem.class);
	}

	@Test
	void refusesACodeBeyondItsAttemptsFromAnyAddressWithoutChargingTheAddress() {
		for (String address : new String[] { "10.0.1.1", "10.0.1.2", "10.0.1.3" }) {
			this.limiter.acquire(address, "one-code");
			this.limiter.notAFailure(address);
		}
		assertThatThrownBy(() -> this.limiter.acquire("10.0.1.4", "one-code")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
		this.limiter.acquire("10.0.1.4", "other-code-1");
		this.limiter.acquire("10.0.1.4", "other-code-2");
		assertThatThrownBy(() -> this.limiter.acquire("10.0.1.4", "other-code-3")).isInstanceOf(ApiProblem.class);
	}

	@Test
	void refillsAsTheClockAdvancesAndNotWhenItIsSetBack() {
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T06:00:00Z"));
		Clock clock = mock(Clock.class);
		given(clock.instant()).willAnswer((invocation) -> now.get());
		given(clock.millis()).willAnswer((invocation) -> now.get().toEpochMilli());
		AcceptRateLimiter limiter = limiter(1, 1, 100, 1, clock);
		limiter.acquire("10.0.0.1", "hash-1");
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1", "hash-2")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.retryAfterSeconds()).isEqualTo(60));
		now.set(now.get().minus(Duration.ofHours(1)));
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1", "hash-2")).isInstanceOf(ApiProblem.class);
		now.set(now.get().plus(Duration.ofSeconds(30)));
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1", "hash-2")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.retryAfterSeconds()).isEqualTo(30));
		now.set(now.get().plus(Duration.ofSeconds(30)));
		assertThatNoException().isThrownBy(() -> limiter.acquire("10.0.0.1", "hash-2"));
	}

	private static AcceptRateLimiter limiter(int failuresPerAddress, int failuresRefill, int attemptsPerCode,
			int attemptsRefill, Clock clock) {
		return new AcceptRateLimiter(new AccountsProperties(URI.create("http://x"), Duration.ofDays(7),
				new AccountsProperties.AcceptRateLimit(
						new AccountsProperties.PerAddress(failuresPerAddress, failuresRefill),
						new AccountsProperties.PerCode(attemptsPerCode, attemptsRefill))),
				clock);
	}

}
