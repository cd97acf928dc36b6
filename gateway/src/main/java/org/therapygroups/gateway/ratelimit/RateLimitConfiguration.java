package org.therapygroups.gateway.ratelimit;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
				(exchange) -> exchange.getPrincipal()
					.filter(JwtAuthenticationToken.class::isInstance)
					.cast(JwtAuthenticationToken.class)
					.map((token) -> Objects.requireNonNullElse(token.getToken().getSubject(), token.getName())),
				AFTER_SECURITY);
	}

}
