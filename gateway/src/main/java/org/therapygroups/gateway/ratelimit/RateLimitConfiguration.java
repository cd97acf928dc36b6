package org.therapygroups.gateway.ratelimit;

import java.security.Principal;
import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Two limiters: per client address before authentication, so floods of bad tokens and
 * calls to public endpoints are limited too; per user after it, keyed by the verified
 * {@code sub}. Spring Security's filter chain runs at order -100.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	private static final int BEFORE_SECURITY = -200;

	private static final int AFTER_SECURITY = -50;

	@Bean
	RateLimitWebFilter clientAddressRateLimitFilter(RateLimitProperties properties) {
		ClientAddressResolver addresses = new ClientAddressResolver(properties.trustedProxies());
		RateLimiter limiter = new InMemoryRateLimiter(properties.perIp(), properties.maxKeys(), System::nanoTime);
		return new RateLimitWebFilter(limiter, (exchange) -> Mono.just(addresses.resolve(exchange.getRequest())),
				BEFORE_SECURITY);
	}

	@Bean
	ForwardedForHeadersFilter forwardedForHeadersFilter(RateLimitProperties properties) {
		return new ForwardedForHeadersFilter(new ClientAddressResolver(properties.trustedProxies()));
	}

	@Bean
	RateLimitWebFilter userRateLimitFilter(RateLimitProperties properties) {
		RateLimiter limiter = new InMemoryRateLimiter(properties.perUser(), properties.maxKeys(), System::nanoTime);
		return new RateLimitWebFilter(limiter,
				(exchange) -> exchange.getPrincipal().mapNotNull(RateLimitConfiguration::subject), AFTER_SECURITY);
	}

	/**
	 * The same person has one bucket whether a script sends their token or the web app's
	 * session carries it.
	 */
	private static String subject(Principal principal) {
		if (principal instanceof JwtAuthenticationToken token) {
			return Objects.requireNonNullElse(token.getToken().getSubject(), token.getName());
		}
		if (principal instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
			return Objects.requireNonNullElse(user.getSubject(), login.getName());
		}
		return null;
	}

}
