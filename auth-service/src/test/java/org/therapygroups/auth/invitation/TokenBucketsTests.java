package org.therapygroups.auth.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** Memory stays bounded: filled-up buckets go first, then the stalest. */
class TokenBucketsTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T06:00:00Z"));

	private final Clock clock = clock();

	@Test
	void manyKeysNeverKeepMoreBucketsThanTheLimit() {
		TokenBuckets buckets = new TokenBuckets(1, 1, 100, this.clock);
		for (int i = 0; i < 1_000; i++) {
			assertThat(buckets.take("10.0." + (i / 256) + "." + (i % 256))).isZero();
		}
		assertThat(buckets.size()).isLessThanOrEqualTo(100);
	}

	@Test
	void pruningDropsFilledUpBucketsAndKeepsThoseShortOfTokens() {
		TokenBuckets buckets = new TokenBuckets(2, 1, 100, this.clock);
		for (int i = 0; i < 99; i++) {
			buckets.take("quiet-" + i);
		}
		this.now.set(this.now.get().plus(Duration.ofSeconds(90)));
		buckets.take("guesser");
		buckets.take("guesser");
		assertThat(buckets.take("guesser")).isPositive();

		buckets.take("newcomer");
		buckets.take("another");

		assertThat(buckets.size()).isEqualTo(3);
		assertThat(buckets.take("guesser")).as("still refused").isPositive();
	}

	@Test
	void aTokenGivenBackCanBeTakenAgainButNeverBeyondTheCapacity() {
		TokenBuckets buckets = new TokenBuckets(1, 1, 100, this.clock);
		buckets.giveBack("nobody");
		assertThat(buckets.size()).isZero();
		assertThat(buckets.take("tablet")).isZero();
		buckets.giveBack("tablet");
		buckets.giveBack("tablet");
		assertThat(buckets.take("tablet")).isZero();
		assertThat(buckets.take("tablet")).isEqualTo(60);
	}

	private Clock clock() {
		Clock clock = mock(Clock.class);
		given(clock.instant()).willAnswer((invocation) -> this.now.get());
		given(clock.millis()).willAnswer((invocation) -> this.now.get().toEpochMilli());
		return clock;
	}

}
