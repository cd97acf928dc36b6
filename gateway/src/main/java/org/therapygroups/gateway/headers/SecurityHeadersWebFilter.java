package org.therapygroups.gateway.headers;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Security headers on every response, including errors and proxied answers. They are set
 * just before commit and replace whatever a service sent, so the policy is decided at the
 * edge in one place.
 */
@Component
class SecurityHeadersWebFilter implements WebFilter, Ordered {

	static final String API_CSP = "default-src 'self'; frame-ancestors 'none'; object-src 'none'";

	// Swagger UI styles elements inline and draws icons from data: URIs.
	static final String DOCS_UI_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "frame-ancestors 'none'; object-src 'none'";

	/**
	 * The web app: scripts and styles from the app itself only (no inline code), data and
	 * live updates from the same origin. Forms may also go to the identity provider:
	 * signing out ends its session too.
	 */
	static final String APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self' ";

	private static final List<PathPattern> ASSETS = List.of(PathPatternParser.defaultInstance.parse("/assets/**"),
			PathPatternParser.defaultInstance.parse("/webjars/**"));

	private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

	private final String appCsp;

	SecurityHeadersWebFilter(@Value("${therapy.security.issuer-uri}") String issuerUri) {
		URI issuer = URI.create(issuerUri);
		this.appCsp = APP_CSP + issuer.getScheme() + "://" + issuer.getAuthority();
	}

	private static final List<PathPattern> DOCS_UI = List.of(
			PathPatternParser.defaultInstance.parse("/swagger-ui.html"),
			PathPatternParser.defaultInstance.parse("/swagger-ui/**"),
			PathPatternParser.defaultInstance.parse("/webjars/**"));

	@Override
	public int getOrder() {
		// Outermost, so even answers of the rate limiter and of security carry the
		// headers.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			apply(exchange);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private void apply(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
		headers.set("Content-Security-Policy", policy(exchange));
		// Responses carry health data: no browser or proxy may keep a copy. That holds
		// for the public calendar feed too, whose path is its credential: each poll
		// reaches the service, so a revoked feed stops at the next one.
		// The app's own scripts and styles hold nothing personal: kept, but checked each
		// time, so a new version is seen at once.
		headers.set(HttpHeaders.CACHE_CONTROL, matches(exchange, ASSETS) ? "no-cache" : "no-store");
		if (exchange.getRequest().getSslInfo() != null) {
			headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
	}

	private String policy(ServerWebExchange exchange) {
		if (matches(exchange, DOCS_UI)) {
			return DOCS_UI_CSP;
		}
		if (matches(exchange, List.of(API))) {
			return API_CSP;
		}
		return this.appCsp;
	}

	private static boolean matches(ServerWebExchange exchange, List<PathPattern> patterns) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return patterns.stream().anyMatch((pattern) -> pattern.matches(path));
	}

}
