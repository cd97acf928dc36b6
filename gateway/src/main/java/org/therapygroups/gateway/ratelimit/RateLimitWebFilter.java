package org.therapygroups.gateway.ratelimit;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.therapygroups.gateway.problem.ProblemException;
import org.therapygroups.gateway.ratelimit.RateLimiter.Decision;

/**
 * Spends one token of the caller's bucket per request; an empty bucket ends the request
 * with 429 and {@code Retry-After}. Requests without a key (e.g. anonymous ones at the
 * per-user limiter) pass.
 */
final class RateLimitWebFilter implements WebFilter, Ordered {

	private final RateLimiter limiter;

	private final Function<ServerWebExchange, Mono<String>> keyResolver;

	private final int order;

	RateLimitWebFilter(RateLimiter limiter, Function<ServerWebExchange, Mono<String>> keyResolver, int order) {
		this.limiter = limiter;
		this.keyResolver = keyResolver;
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.keyResolver.apply(exchange)
			.flatMap(this.limiter::tryAcquire)
			.defaultIfEmpty(Decision.ALLOWED)
			.flatMap((decision) -> decision.allowed() ? chain.filter(exchange) : Mono.error(tooManyRequests(decision)));
	}

	private static ProblemException tooManyRequests(Decision decision) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; retry after " + decision.retryAfterSeconds() + " seconds.", headers);
	}

}
