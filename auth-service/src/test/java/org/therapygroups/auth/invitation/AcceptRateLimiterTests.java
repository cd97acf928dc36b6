package org.therapygroups.auth.invitation;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.AccountsProperties;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptRateLimiterTests {

	private final AcceptRateLimiter limiter = new AcceptRateLimiter(new AccountsProperties(URI.create("http://x"),
			Duration.ofDays(7), new AccountsProperties.AcceptRateLimit(2, 1)));

	@Test
	void refusesAClientBeyondItsBucketButNotOthers() {
		this.limiter.acquire("10.0.0.1");
		this.limiter.acquire("10.0.0.1");
		assertThatThrownBy(() -> this.limiter.acquire("10.0.0.1")).isInstanceOfSatisfying(AccountProblem.class,
				(problem) -> {
					org.assertj.core.api.Assertions.assertThat(problem.status())
						.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
					org.assertj.core.api.Assertions.assertThat(problem.retryAfterSeconds()).isPositive();
				});
		assertThatNoException().isThrownBy(() -> this.limiter.acquire("10.0.0.2"));
	}

}
