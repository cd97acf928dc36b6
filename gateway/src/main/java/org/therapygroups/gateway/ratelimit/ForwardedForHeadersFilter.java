package org.therapygroups.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service who the client is: {@code X-Forwarded-For} is replaced by the one
 * address this gateway's rate limit counts (the connection's, or the first untrusted hop
 * behind a trusted proxy), never appended to, and other forwarding headers a client could
 * have written are dropped. A service that trusts forwarding headers from the gateway
 * alone (auth-service's invitation rate limit) therefore sees only what the gateway
 * vouches for. Runs after Spring Cloud Gateway's own header filters.
 */
final class ForwardedForHeadersFilter implements HttpHeadersFilter, Ordered {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final ClientAddressResolver addresses;

	ForwardedForHeadersFilter(ClientAddressResolver addresses) {
		this.addresses = addresses;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		headers.remove("Forwarded");
		headers.remove("X-Real-IP");
		headers.remove("X-Forwarded-Host");
		headers.remove("X-Forwarded-Port");
		headers.remove("X-Forwarded-Proto");
		headers.remove("X-Forwarded-Prefix");
		headers.set(X_FORWARDED_FOR, this.addresses.resolve(exchange.getRequest()));
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
