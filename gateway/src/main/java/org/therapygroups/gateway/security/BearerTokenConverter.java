package org.therapygroups.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the bearer token of the {@code Authorization} header as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} does (its defaults: the header only,
 * never a query parameter or form field), with a loop where it matches the pattern
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}: that pattern ran over every token on
 * every request and was a twentieth of the gateway's CPU in the profile of
 * {@code ./bench gateway}.
 */
final class BearerTokenConverter implements ServerAuthenticationConverter {

	private static final String PREFIX = "Bearer ";

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
			return Mono.empty();
		}
		String token = token(authorization);
		if (token == null) {
			return Mono
				.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
		}
		return Mono.just(new BearerTokenAuthenticationToken(token));
	}

	/**
	 * The token of an {@code Authorization} value, or {@code null} if it is not
	 * {@code Bearer } followed by a token68 (RFC 6750, section 2.1).
	 */
	static String token(String authorization) {
		int start = PREFIX.length();
		if (authorization.length() <= start || !authorization.regionMatches(true, 0, PREFIX, 0, start)) {
			return null;
		}
		int end = authorization.length();
		int padding = end;
		while (padding > start && authorization.charAt(padding - 1) == '=') {
			padding--;
		}
		if (padding == start) {
			return null;
		}
		for (int i = start; i < padding; i++) {
			if (!tokenCharacter(authorization.charAt(i))) {
				return null;
			}
		}
		return authorization.substring(start);
	}

	private static boolean tokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
