package org.therapygroups.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.therapygroups.gateway.problem.ProblemResponseWriter;

/**
 * A browser opening the live connection carries the session cookie, so another site's
 * page could open it in the viewer's name: only the app's own origin may. Scripts send no
 * {@code Origin} and authenticate with a bearer token instead.
 */
@Component
class LiveOrigin implements WebFilter, Ordered {

	private final String origin;

	private final ProblemResponseWriter problems;

	LiveOrigin(WebAppProperties web, ProblemResponseWriter problems) {
		this.origin = web.origin();
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		// before security, so a foreign page learns nothing about the session
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
		if ((path.equals("/ws") || path.startsWith("/ws/")) && origin != null && !origin.equals(this.origin)) {
			return this.problems.write(exchange, HttpStatus.FORBIDDEN,
					"Live updates may only be opened from the app's own pages.");
		}
		return chain.filter(exchange);
	}

}
