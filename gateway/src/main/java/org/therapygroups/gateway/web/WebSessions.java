package org.therapygroups.gateway.web;

import org.mongodb.spring.session.ReactiveMongoSessionRepository;
import org.mongodb.spring.session.config.annotation.web.reactive.EnableMongoWebSession;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Browser sessions (the security context and the tokens relayed to the services) are kept
 * in the database, so a restarted gateway, or another instance behind the same address,
 * still knows who is signed in.
 */
@Configuration(proxyBeanMethods = false)
@EnableMongoWebSession(collectionName = "web_sessions")
@EnableConfigurationProperties(WebAppProperties.class)
class WebSessions {

	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveMongoSessionRepository> sessionTimeout(WebAppProperties web) {
		return (repository) -> repository.setDefaultMaxInactiveInterval(web.sessionTimeout());
	}

	@Bean
	WebSessionIdResolver webSessionIdResolver(WebAppProperties web) {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName(SessionCookie.NAME);
		// Lax, not Strict: the browser must bring the cookie back when Keycloak
		// redirects to the sign-in callback; cross-site posts still go without it.
		resolver.addCookieInitializer(
				(cookie) -> cookie.httpOnly(true).sameSite("Lax").secure(web.secureCookies()).path("/"));
		return resolver;
	}

}
