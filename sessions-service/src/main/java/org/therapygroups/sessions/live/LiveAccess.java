package org.therapygroups.sessions.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import org.therapygroups.sessions.dashboard.Dashboards;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Authenticates a STOMP connection by the bearer token in its {@code CONNECT} frame
 * ({@code Authorization: Bearer …}), or else by the one of its handshake
 * ({@link HandshakeAuthorization}), checked like every API request: signature, issuer,
 * audience, expiry, and authorises each subscription: {@code /topic/programs/{id}} for
 * the program's directors, {@code /topic/groups/{id}} for the group's facilitators and
 * its program's directors. Anything else is refused with an {@code ERROR} frame. Clients
 * send nothing to the application.
 */
@Component
class LiveAccess implements ChannelInterceptor {

	static final Pattern PROGRAM = Pattern.compile("/topic/programs/([A-Za-z0-9-]{1,64})");

	static final Pattern GROUP = Pattern.compile("/topic/groups/([A-Za-z0-9-]{1,64})");

	private static final Logger log = LoggerFactory.getLogger(LiveAccess.class);

	private final JwtDecoder decoder;

	private final JwtAuthenticationConverter converter;

	private final Dashboards dashboards;

	LiveAccess(JwtDecoder decoder, JwtAuthenticationConverter converter, Dashboards dashboards) {
		this.decoder = decoder;
		this.converter = converter;
		this.dashboards = dashboards;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (stomp == null || stomp.getCommand() == null) {
			return message;
		}
		StompCommand command = stomp.getCommand();
		if (command == StompCommand.CONNECT) {
			stomp.setUser(authenticate(authorization(stomp)));
		}
		else if (command == StompCommand.SUBSCRIBE) {
			authorise(actor(stomp), stomp.getDestination());
		}
		else if (command == StompCommand.SEND) {
			throw new MessageDeliveryException("Live updates are read-only.");
		}
		return message;
	}

	/** The frame's own header, else the one the handshake brought. */
	static String authorization(StompHeaderAccessor stomp) {
		String header = stomp.getFirstNativeHeader("Authorization");
		if (header == null && stomp.getSessionAttributes() != null
				&& stomp.getSessionAttributes().get(HandshakeAuthorization.ATTRIBUTE) instanceof String handshake) {
			return handshake;
		}
		return header;
	}

	private JwtAuthenticationToken authenticate(String header) {
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new MessageDeliveryException("CONNECT needs an Authorization: Bearer header.");
		}
		try {
			AbstractAuthenticationToken token = this.converter
				.convert(this.decoder.decode(header.substring(7).strip()));
			if (token instanceof JwtAuthenticationToken jwt) {
				return jwt;
			}
			throw new MessageDeliveryException("The token could not be read.");
		}
		catch (JwtException ex) {
			throw new MessageDeliveryException("The token is invalid or expired.");
		}
	}

	private static Actor actor(StompHeaderAccessor stomp) {
		if (stomp.getUser() instanceof JwtAuthenticationToken token) {
			try {
				return Actor.of(token);
			}
			catch (ApiProblem ex) {
				throw new MessageDeliveryException(ex.getMessage());
			}
		}
		throw new MessageDeliveryException("Not connected with a token.");
	}

	void authorise(Actor actor, String destination) {
		if (destination != null) {
			Matcher program = PROGRAM.matcher(destination);
			if (program.matches() && this.dashboards.mayWatchProgram(program.group(1), actor)) {
				return;
			}
			Matcher group = GROUP.matcher(destination);
			if (group.matches() && this.dashboards.mayWatchGroup(group.group(1), actor)) {
				return;
			}
		}
		// the user id only: a destination is chosen by the client
		log.info("Refused a live subscription of user {}", actor.id());
		throw new MessageDeliveryException("Not allowed to subscribe to this destination.");
	}

}
