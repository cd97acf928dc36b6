package org.therapygroups.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Decides whether the caller behind a key may make one more request. Reactive so that a
 * store shared between gateway instances (e.g. Redis) can replace the in-memory one.
 */
interface RateLimiter {

	Mono<Decision> tryAcquire(String key);

	/**
	 * @param allowed whether the request may proceed
	 * @param retryAfterSeconds when a refused caller may try again (0 when allowed)
	 */
	record Decision(boolean allowed, long retryAfterSeconds) {

		static final Decision ALLOWED = new Decision(true, 0);

	}

}
