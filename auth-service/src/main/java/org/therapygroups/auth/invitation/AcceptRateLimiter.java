package org.therapygroups.auth.invitation;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountsProperties;

/**
 * A token bucket per client address for the public acceptance endpoint, so codes cannot
 * be guessed at speed (a 256-bit code cannot be guessed anyway; this also caps the
 * password attempts against Keycloak). In memory: each instance limits on its own.
 */
@Component
class AcceptRateLimiter {

	private static final int MAX_CLIENTS = 10_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int capacity;

	private final double refillPerMilli;

	private final Clock clock;

	AcceptRateLimiter(AccountsProperties properties, Clock clock) {
		this.capacity = properties.acceptRateLimit().capacity();
		this.refillPerMilli = properties.acceptRateLimit().refillPerMinute() / 60e3;
		this.clock = clock;
	}

	void acquire(String client) {
		if (this.buckets.size() > MAX_CLIENTS) {
			// crude but bounded: forgetting buckets only ever lets clients try again
			// sooner
			this.buckets.clear();
		}
		Bucket bucket = this.buckets.computeIfAbsent(client, (key) -> new Bucket(this.capacity, this.clock.millis()));
		synchronized (bucket) {
			long now = this.clock.millis();
			// a clock set back refills nothing, and never takes tokens away
			long elapsed = Math.max(0, now - bucket.refilledAt);
			bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMilli);
			bucket.refilledAt = now;
			if (bucket.tokens < 1) {
				int wait = (int) Math.ceil((1 - bucket.tokens) / this.refillPerMilli / 1e3);
				throw ApiProblem.retryLater(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts. Try again later.",
						Math.max(wait, 1));
			}
			bucket.tokens -= 1;
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
