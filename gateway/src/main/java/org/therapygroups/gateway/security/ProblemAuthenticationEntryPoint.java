package org.therapygroups.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.therapygroups.gateway.problem.ProblemResponseWriter;

/**
 * 401 (or 400 for a malformed Authorization header) as a problem, with the RFC 6750
 * challenge. The challenge names only the standard error code: the decoder's own message
 * describes why a token failed and stays in the logs.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private final ProblemResponseWriter writer;

	ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		String challenge = "Bearer";
		String detail = "Authentication with a bearer token is required.";
		if (ex instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error error = oauth2.getError();
			if (error instanceof BearerTokenError bearerError) {
				status = bearerError.getHttpStatus();
			}
			challenge = "Bearer error=\"" + error.getErrorCode() + "\"";
			detail = "The bearer token is malformed, invalid or expired.";
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return this.writer.write(exchange, status, detail);
	}

}
