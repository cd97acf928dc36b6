package org.therapygroups.sessions.live;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps the handshake's {@code Authorization} header for the connection. A browser cannot
 * put a token into its STOMP frames (it holds none); the gateway adds the signed-in
 * person's token to the handshake instead, and {@link LiveAccess} checks it at
 * {@code CONNECT} exactly like a token in the frame.
 */
final class HandshakeAuthorization implements HandshakeInterceptor {

	static final String ATTRIBUTE = HandshakeAuthorization.class.getName();

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null) {
			attributes.put(ATTRIBUTE, header);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
