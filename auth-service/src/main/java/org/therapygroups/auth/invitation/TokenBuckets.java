package org.therapygroups.auth.invitation;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key, in memory and bounded: a bucket that has filled up again says
 * nothing and is dropped once there are many, and beyond {@code maxKeys} the buckets
 * touched longest ago go too (forgetting only ever lets a key try again sooner).
 */
final class TokenBuckets {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int capacity;

	private final double refillPerMilli;

	private final int maxKeys;

	private final Clock clock;

	TokenBuckets(int capacity, int refillPerMinute, int maxKeys, Clock clock) {
		if (capacity < 1 || refillPerMinute < 1) {
			throw new IllegalArgumentException("capacity and refill-per-minute must be at least 1");
		}
		this.capacity = capacity;
		this.refillPerMilli = refillPerMinute / 60e3;
		this.maxKeys = maxKeys;
		this.clock = clock;
	}

	/**
	 * Takes a token of the key's bucket, if it has one.
	 * @return 0 if a token was taken, else the seconds until the bucket has one again
	 */
	int take(String key) {
		long now = this.clock.millis();
		if (this.buckets.size() >= this.maxKeys && !this.buckets.containsKey(key)) {
			prune(now);
		}
		Bucket bucket = this.buckets.computeIfAbsent(key, (absent) -> new Bucket(this.capacity, now));
		synchronized (bucket) {
			refill(bucket, now);
			if (bucket.tokens < 1) {
				return Math.max(1, (int) Math.ceil((1 - bucket.tokens) / this.refillPerMilli / 1e3));
			}
			bucket.tokens -= 1;
			return 0;
		}
	}

	/** Returns a token taken for an attempt that turned out not to count. */
	void giveBack(String key) {
		Bucket bucket = this.buckets.get(key);
		if (bucket != null) {
			synchronized (bucket) {
				bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
			}
		}
	}

	/** How many buckets are kept. */
	int size() {
		return this.buckets.size();
	}

	private void refill(Bucket bucket, long now) {
		// a clock set back refills nothing, and never takes tokens away
		long elapsed = Math.max(0, now - bucket.refilledAt);
		bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMilli);
		bucket.refilledAt = now;
	}

	private synchronized void prune(long now) {
		this.buckets.values().removeIf((bucket) -> {
			synchronized (bucket) {
				refill(bucket, now);
				return bucket.tokens >= this.capacity;
			}
		});
		int excess = this.buckets.size() - this.maxKeys * 3 / 4;
		if (excess > 0) {
			// more keys short of tokens than the limit allows: forget the stalest
			this.buckets.entrySet()
				.stream()
				.sorted(Comparator.comparingLong((Map.Entry<String, Bucket> entry) -> entry.getValue().refilledAt))
				.limit(excess)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(this.buckets::remove);
		}
	}

	private static final class Bucket {

		double tokens;

		long refilledAt;

		Bucket(double tokens, long refilledAt) {
			this.tokens = tokens;
			this.refilledAt = refilledAt;
		}

	}

}
