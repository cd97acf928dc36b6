package org.therapygroups.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.therapygroups.gateway.problem.ProblemResponseWriter;

/** 403 as a problem, with the RFC 6750 challenge for an insufficient token. */
class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

	private final ProblemResponseWriter writer;

	ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
		return this.writer.write(exchange, HttpStatus.FORBIDDEN, "The token does not grant access to this resource.");
	}

}
