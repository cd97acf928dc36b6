package org.therapygroups.platform.security;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ExpressionJwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every request carries a Keycloak access token checked by the service itself, even
 * behind the gateway: signature, issuer, audience and times (with a small clock skew);
 * realm roles become {@code ROLE_*} authorities; security failures answer problem JSON;
 * the tokens of a deactivated account are refused at once (when the service has
 * {@link DeactivatedAccounts}). A service adds its own path rules with
 * {@link RequestRules} beans, or replaces the whole chain with its own
 * {@link SecurityFilterChain}. {@code therapy.platform.security.enabled=false} turns the
 * kit's security off.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "therapy.platform.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
@Import({ ActorArgumentResolver.class, MeController.class })
public class ResourceServerAutoConfiguration {

	/** Open to anyone: health probes, the API documents and the error page. */
	static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
			"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error");

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, SecurityProperties properties,
			ProblemResponses problems, ObjectProvider<RequestRules> rules,
			ObjectProvider<DeactivatedAccounts> deactivated) throws Exception {
		List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
		open.addAll(properties.publicPaths());
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(open.toArray(String[]::new)).permitAll();
				rules.orderedStream().forEach((rule) -> rule.apply(requests));
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer((oauth2) -> oauth2.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden));
		DeactivatedAccounts accounts = deactivated.getIfUnique();
		if (accounts != null) {
			http.addFilterAfter(new DeactivatedAccountFilter(accounts, problems),
					BearerTokenAuthenticationFilter.class);
		}
		return http.build();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
		decoder.setJwtValidator(tokenValidator(properties));
		return decoder;
	}

	/**
	 * The checks of every token besides its signature.
	 * @param properties issuer, audience and clock skew
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> tokenValidator(SecurityProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuerUri()), new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(audience) -> audience != null && audience.contains(properties.audience())));
	}

	/** Keycloak puts realm roles in {@code realm_access.roles}; they become ROLE_*. */
	@Bean
	@ConditionalOnMissingBean
	JwtAuthenticationConverter jwtAuthenticationConverter() {
		var authorities = new ExpressionJwtGrantedAuthoritiesConverter(
				new SpelExpressionParser().parseExpression("[realm_access][roles]"));
		authorities.setAuthorityPrefix("ROLE_");
		var converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		converter.setPrincipalClaimName(JwtClaimNames.SUB);
		return converter;
	}

}
