package org.therapygroups.gateway.problem;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's firewall refuses URLs with encoded dots, slashes, NUL or other
 * characters that could confuse a path match; its own answer is an empty 400. Same
 * status, problem JSON, and the reason (which names the part refused) is not echoed.
 */
@Component
class FirewallProblems implements ServerExchangeRejectedHandler {

	private final ProblemResponseWriter writer;

	FirewallProblems(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		return this.writer.write(exchange, HttpStatus.BAD_REQUEST,
				"The request URL or a header contains characters that are not allowed.");
	}

}
