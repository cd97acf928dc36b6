package org.therapygroups.sessions.live;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's live connection is authenticated by the token the gateway put on its
 * handshake; a script's own token in the CONNECT frame still wins.
 */
class HandshakeAuthorizationTests {

	@Test
	void theHandshakesTokenIsKeptForTheConnection() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/dashboard");
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer from-the-session");
		Map<String, Object> attributes = new HashMap<>();

		boolean proceed = new HandshakeAuthorization().beforeHandshake(new ServletServerHttpRequest(request),
				new ServletServerHttpResponse(new MockHttpServletResponse()), null, attributes);

		assertThat(proceed).isTrue();
		assertThat(LiveAccess.authorization(connect(attributes, null))).isEqualTo("Bearer from-the-session");
	}

	@Test
	void aTokenInTheFrameWinsAndNoTokenStaysNone() {
		Map<String, Object> attributes = new HashMap<>(Map.of(HandshakeAuthorization.ATTRIBUTE, "Bearer handshake"));
		assertThat(LiveAccess.authorization(connect(attributes, "Bearer frame"))).isEqualTo("Bearer frame");
		assertThat(LiveAccess.authorization(connect(new HashMap<>(), null))).isNull();
	}

	private static StompHeaderAccessor connect(Map<String, Object> attributes, String header) {
		StompHeaderAccessor stomp = StompHeaderAccessor.create(StompCommand.CONNECT);
		stomp.setSessionAttributes(attributes);
		if (header != null) {
			stomp.setNativeHeader("Authorization", header);
		}
		return stomp;
	}

}
