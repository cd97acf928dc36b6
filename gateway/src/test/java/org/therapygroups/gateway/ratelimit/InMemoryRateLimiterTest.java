package org.therapygroups.gateway.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.therapygroups.gateway.ratelimit.RateLimitProperties.Limit;
import org.therapygroups.gateway.ratelimit.RateLimiter.Decision;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRateLimiterTest {

	final AtomicLong now = new AtomicLong(1_000);

	@Test
	void allowsTheBurstThenRefusesWithRetryAfter() {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(new Limit(2, 0.5), 100, this.now::get);
		assertThat(limiter.acquire("a").allowed()).isTrue();
		assertThat(limiter.acquire("a").allowed()).isTrue();
		Decision refused = limiter.acquire("a");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(2);
		assertThat(limiter.acquire("b").allowed()).as("other keys have their own bucket").isTrue();
	}

	@Test
	void refillsOverTime() {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(new Limit(1, 1), 100, this.now::get);
		assertThat(limiter.acquire("a").allowed()).isTrue();
		assertThat(limiter.acquire("a").allowed()).isFalse();
		advance(1000);
		assertThat(limiter.acquire("a").allowed()).isTrue();
	}

	@Test
	void evictsBucketsThatHaveRefilledCompletely() {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(new Limit(10, 5), 100, this.now::get);
		limiter.acquire("idle");
		advance(1000);
		limiter.acquire("busy");
		assertThat(limiter.size()).isEqualTo(2);
		advance(1000);
		limiter.acquire("busy");
		assertThat(limiter.size()).as("idle for the 2 s a full refill takes").isEqualTo(1);
	}

	@Test
	void keepsAtMostMaxKeysBuckets() {
		InMemoryRateLimiter limiter = new InMemoryRateLimiter(new Limit(10, 1), 3, this.now::get);
		for (int i = 0; i < 10; i++) {
			limiter.acquire("key-" + i);
		}
		assertThat(limiter.size()).isEqualTo(3);
	}

	private void advance(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
