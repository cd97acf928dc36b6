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

class AcceptRateLimiterTests {

	private final AcceptRateLimiter limiter = new AcceptRateLimiter(new AccountsProperties(URI.create("http://x"),
			Duration.ofDays(7), new AccountsProperties.AcceptRateLimit(2, 1)), Clock.systemUTC());

	@Test
	void refusesAClientBeyondItsBucketButNotOthers() {
		this.limiter.acquire("10.0.0.1");
		this.limiter.acquire("10.0.0.1");
		assertThatThrownBy(() -> this.limiter.acquire("10.0.0.1")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> {
					org.assertj.core.api.Assertions.assertThat(problem.status())
						.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
					org.assertj.core.api.Assertions.assertThat(problem.retryAfterSeconds()).isPositive();
				});
		assertThatNoException().isThrownBy(() -> this.limiter.acquire("10.0.0.2"));
	}

	@Test
	void refillsAsTheClockAdvancesAndNotWhenItIsSetBack() {
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T06:00:00Z"));
		Clock clock = mock(Clock.class);
		given(clock.instant()).willAnswer((invocation) -> now.get());
		given(clock.millis()).willAnswer((invocation) -> now.get().toEpochMilli());
		AcceptRateLimiter limiter = new AcceptRateLimiter(new AccountsProperties(URI.create("http://x"),
				Duration.ofDays(7), new AccountsProperties.AcceptRateLimit(1, 1)), clock);
		limiter.acquire("10.0.0.1");
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.retryAfterSeconds()).isEqualTo(60));
		now.set(now.get().minus(Duration.ofHours(1)));
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOf(ApiProblem.class);
		now.set(now.get().plus(Duration.ofSeconds(30)));
		assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.retryAfterSeconds()).isEqualTo(30));
		now.set(now.get().plus(Duration.ofSeconds(30)));
		assertThatNoException().isThrownBy(() -> limiter.acquire("10.0.0.1"));
	}

}
