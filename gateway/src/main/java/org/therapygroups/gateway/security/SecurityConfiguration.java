package org.therapygroups.gateway.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtGrantedAuthoritiesConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.function.client.WebClient;
import org.therapygroups.gateway.problem.ProblemResponseWriter;

/**
 * Every request needs a valid bearer token before it is routed, except health, API docs
 * and {@code /api/<service>/public/**}, which the services secure themselves (invitation
 * links, calendar feeds).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** Tokens remembered at most; a few KiB each. */
	private static final int VERIFIED_TOKENS = 10_000;

	static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/api/*/public/**" };

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			ProblemResponseWriter problems) {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		ReactiveJwtAuthenticationConverter authentication = new ReactiveJwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(
				new ReactiveJwtGrantedAuthoritiesConverterAdapter(new RealmRolesConverter()));
		return http
			// Stateless bearer-token API: no cookies to forge, no session to keep.
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// SecurityHeadersWebFilter owns the headers: it also overrides what services
			// send.
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers(PUBLIC_PATHS).permitAll().anyExchange().authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.jwt((jwt) -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authentication)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.build();
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
