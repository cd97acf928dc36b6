package org.therapygroups.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtGrantedAuthoritiesConverterAdapter;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.therapygroups.gateway.problem.ProblemResponseWriter;
import org.therapygroups.gateway.web.SessionCookie;
import org.therapygroups.gateway.web.WebAppProperties;

/**
 * Two kinds of caller share one chain. Scripts and other services send a bearer token,
 * checked here (and again by each service) and never given a session. Browsers sign in
 * through Keycloak ({@code oauth2Login}, code flow with PKCE, confidential client) and
 * then hold only an HTTP-only session cookie; {@code TokenRelay} adds their access token
 * to what is routed, so the services check it exactly as a script's. Health, API docs,
 * the app's assets, the invitation page and {@code /api/<service>/public/**} need neither
 * (the services secure the public paths themselves: invitation codes, calendar feed
 * secrets).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** Tokens remembered at most; a few KiB each. */
	private static final int VERIFIED_TOKENS = 10_000;

	static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/api/*/public/**", "/assets/**", "/invite",
			"/signed-out", "/favicon.ico" };

	/** Paths answered with problem+json rather than a sign-in redirect. */
	static final String[] MACHINE_PATHS = { "/api/**", "/ws/**", "/actuator/**", "/v3/api-docs/**" };

	private static final String SIGN_IN = "/oauth2/authorization/" + KeycloakClientRegistration.REGISTRATION_ID;

	/**
	 * A script's call to the API: a bearer token and nothing else. Such a request never
	 * has a session, a sign-in redirect, a saved request or a CSRF token to check
	 * (another site cannot forge a header it does not know), so it skips the browser
	 * chain's filters and its session look-up: most of the gateway's traffic is this, and
	 * each of those filters cost time on every request. The token is checked exactly as
	 * in the browser chain.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain bearerApiChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemResponseWriter problems) {
		ProblemAuthenticationEntryPoint problemEntryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler problemDenied = new ProblemAccessDeniedHandler(problems);
		return http
			.securityMatcher(new AndServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(MACHINE_PATHS),
					SecurityConfiguration::bearer))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers(PUBLIC_PATHS).permitAll().anyExchange().authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.authenticationEntryPoint(problemEntryPoint)
				.accessDeniedHandler(problemDenied)
				.bearerTokenConverter(new BearerTokenConverter())
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthentication())))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problemEntryPoint)
				.accessDeniedHandler(problemDenied))
			.build();
	}

	/** Whether the request carries an {@code Authorization: Bearer} header. */
	static Mono<MatchResult> bearer(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
		return bearer ? MatchResult.match() : MatchResult.notMatch();
	}

	private static ReactiveJwtAuthenticationConverter jwtAuthentication() {
		ReactiveJwtAuthenticationConverter authentication = new ReactiveJwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(
				new ReactiveJwtGrantedAuthoritiesConverterAdapter(new RealmRolesConverter()));
		return authentication;
	}

	/**
	 * Everything else: browsers with their session cookie (pages, and the API called by
	 * the pages), sign-in and sign-out, public paths, and any request the bearer chain
	 * does not take.
	 */
	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemResponseWriter problems, ReactiveClientRegistrationRepository clients) {
		ProblemAuthenticationEntryPoint problemEntryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler problemDenied = new ProblemAccessDeniedHandler(problems);
		ServerWebExchangeMatcher machines = ServerWebExchangeMatchers.pathMatchers(MACHINE_PATHS);
		ReactiveJwtAuthenticationConverter authentication = jwtAuthentication();
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				List.of(new DelegateEntry(machines, problemEntryPoint)));
		entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(SIGN_IN));
		ServerAccessDeniedHandler denied = (exchange, ex) -> machines.matches(exchange)
			.flatMap((match) -> match.isMatch() ? problemDenied.handle(exchange, ex) : seeOther(exchange, "/denied"));
		WebSessionServerRequestCache requestCache = new WebSessionServerRequestCache();
		// only pages are worth returning to after sign-in, never an API call
		requestCache.setSaveRequestMatcher(pages(machines));
		DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultServerOAuth2AuthorizationRequestResolver(
				clients);
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedServerLogoutSuccessHandler signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(
				clients);
		signedOut.setPostLogoutRedirectUri("{baseUrl}/signed-out");
		return http
			.csrf((csrf) -> csrf.csrfTokenRepository(new WebSessionServerCsrfTokenRepository())
				.requireCsrfProtectionMatcher(SecurityConfiguration::browserStateChange)
				.accessDeniedHandler((exchange, ex) -> machines.matches(exchange)
					.flatMap((match) -> match.isMatch() ? problems.write(exchange, HttpStatus.FORBIDDEN,
							"The page's security token is missing or has expired. Reload the page and try again.")
							: seeOther(exchange, "/denied?reason=expired"))))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.requestCache((cache) -> cache.requestCache(requestCache))
			// SecurityHeadersWebFilter owns the headers: it also overrides what services
			// send.
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers(PUBLIC_PATHS).permitAll().anyExchange().authenticated())
			.oauth2Login((login) -> login.authorizationRequestResolver(authorizationRequests)
				.authenticationFailureHandler(
						(webFilterExchange, ex) -> seeOther(webFilterExchange.getExchange(), "/denied?reason=sign-in")))
			.logout((logout) -> logout
				.logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
						new WebSessionServerLogoutHandler()))
				.logoutSuccessHandler(signedOut))
			.oauth2ResourceServer((oauth2) -> oauth2.authenticationEntryPoint(problemEntryPoint)
				.accessDeniedHandler(problemDenied)
				.bearerTokenConverter(new BearerTokenConverter())
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authentication)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.build();
	}

	/**
	 * A state-changing request that rides on the session cookie must carry the page's
	 * CSRF token. A bearer request cannot be forged by another site (it would need the
	 * token), and a request with no session has no authority to borrow.
	 */
	static Mono<MatchResult> browserStateChange(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
				|| method == HttpMethod.TRACE;
		boolean bearer = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
		boolean session = exchange.getRequest().getCookies().containsKey(SessionCookie.NAME);
		return (!safe && !bearer && session) ? MatchResult.match() : MatchResult.notMatch();
	}

	private static ServerWebExchangeMatcher pages(ServerWebExchangeMatcher machines) {
		return (exchange) -> (exchange.getRequest().getMethod() != HttpMethod.GET) ? MatchResult.notMatch()
				: machines.matches(exchange)
					.flatMap((match) -> match.isMatch() ? MatchResult.notMatch() : MatchResult.match());
	}

	private static Mono<Void> seeOther(ServerWebExchange exchange, String location) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(location));
		return exchange.getResponse().setComplete();
	}

	/** Spring Security's strict firewall, with its header check made cheap. */
	@Bean
	ServerWebExchangeFirewall firewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderValues(HeaderValues::allowed);
		return firewall;
	}

	@Bean
	ReactiveClientRegistrationRepository clientRegistrations(WebAppProperties web, SecurityProperties security) {
		return new InMemoryReactiveClientRegistrationRepository(
				KeycloakClientRegistration.of(web, security.issuerUri(), security.jwkSetUri().toString()));
	}

	/**
	 * The browser's tokens live in its session, which lives in the database: they survive
	 * a restart of the gateway and are seen by every instance.
	 */
	@Bean
	ServerOAuth2AuthorizedClientRepository authorizedClients() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

	@Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(ReactiveJwtDecoder jwtDecoder) {
		return new RealmRolesOidcUserService(jwtDecoder, new RealmRolesConverter());
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
		// Keys are fetched on first use, so the gateway starts while Keycloak is still
		// booting.
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
			.webClient(IdentityProviderClient.create(Duration.ofSeconds(2), Duration.ofSeconds(5)))
			.build();
		decoder.setJwtValidator(JwtValidation.validator(properties));
		return new VerifiedTokenCache(decoder, VERIFIED_TOKENS, properties.clockSkew(), Clock.systemUTC());
	}

	@Bean
	KeycloakHealthIndicator keycloakHealthIndicator(SecurityProperties properties) {
		Duration timeout = Duration.ofSeconds(2);
		WebClient client = IdentityProviderClient.create(timeout, timeout);
		return new KeycloakHealthIndicator(client, properties.jwkSetUri(), timeout);
	}

}
