package org.therapygroups.gateway.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

import org.therapygroups.gateway.ratelimit.RateLimitProperties.Limit;

/**
 * Token buckets in one access-ordered map. A bucket idle long enough to have refilled
 * completely is indistinguishable from a new one, so it is dropped without changing any
 * decision; {@code maxKeys} caps memory even under a flood of distinct keys. A single
 * lock keeps this simple: the critical section is a map lookup and some arithmetic.
 */
final class InMemoryRateLimiter implements RateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final Limit limit;

	private final long fullRefillNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Bucket> buckets;

	InMemoryRateLimiter(Limit limit, int maxKeys, LongSupplier nanoClock) {
		this.limit = limit;
		this.fullRefillNanos = (long) Math.ceil(limit.capacity() / limit.refillPerSecond() * NANOS_PER_SECOND);
		this.nanoClock = nanoClock;
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxKeys;
			}

		};
	}

	@Override
	public Mono<Decision> tryAcquire(String key) {
		return Mono.fromSupplier(() -> acquire(key));
	}

	synchronized Decision acquire(String key) {
		long now = this.nanoClock.getAsLong();
		evictIdle(now);
		return this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.limit.capacity(), now)).take(now);
	}

	synchronized int size() {
		return this.buckets.size();
	}

	private void evictIdle(long now) {
		// Access order puts the longest-idle bucket first, so stop at the first busy one.
		Iterator<Bucket> eldestFirst = this.buckets.values().iterator();
		while (eldestFirst.hasNext() && now - eldestFirst.next().updatedAt >= this.fullRefillNanos) {
			eldestFirst.remove();
		}
	}

	private final class Bucket {

		private double tokens;

		private long updatedAt;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.updatedAt = now;
		}

		Decision take(long now) {
			Limit limit = InMemoryRateLimiter.this.limit;
			double refilled = (now - this.updatedAt) / NANOS_PER_SECOND * limit.refillPerSecond();
			this.tokens = Math.min(limit.capacity(), this.tokens + refilled);
			this.updatedAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Decision.ALLOWED;
			}
			long wait = (long) Math.ceil((1 - this.tokens) / limit.refillPerSecond());
			return new Decision(false, Math.max(1, wait));
		}

	}

}
