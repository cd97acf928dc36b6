package org.therapygroups.sessions.live;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import org.therapygroups.platform.security.RequestRules;

/**
 * STOMP over WebSocket at {@code /ws/dashboard} (reached through the gateway's
 * {@code /ws/**} route). The handshake checks the {@code Origin} header against
 * {@code therapy.live.allowed-origins}; the STOMP {@code CONNECT} frame carries the
 * bearer token (a script's), or else the handshake does (a browser's, added by the
 * gateway from the session), and every {@code SUBSCRIBE} is authorised on its own (see
 * {@link LiveAccess}). Each instance keeps its own subscribers in a simple in-memory
 * broker and feeds them from its own Kafka consumer group ({@link LiveEventsListener}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class LiveConfig implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/ws/dashboard";

	private final LiveAccess access;

	private final List<String> allowedOrigins;

	LiveConfig(LiveAccess access,
			@Value("${therapy.live.allowed-origins:http://127.0.0.1:8080,http://localhost:8080}") List<String> allowedOrigins) {
		this.access = access;
		this.allowedOrigins = allowedOrigins;
	}

	/**
	 * The handshake needs no bearer token: the STOMP CONNECT frame carries it, and every
	 * subscription is authorised by {@link LiveAccess}.
	 */
	@Bean
	static RequestRules liveHandshake() {
		return (requests) -> requests.requestMatchers("/ws/**").permitAll();
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT)
			.setAllowedOriginPatterns(this.allowedOrigins.toArray(String[]::new))
			.addInterceptors(new HandshakeAuthorization());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic");
		registry.setApplicationDestinationPrefixes("/app");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.access);
	}

}
