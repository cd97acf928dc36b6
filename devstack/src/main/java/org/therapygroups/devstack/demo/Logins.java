package org.therapygroups.devstack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the demo's users, from Keycloak's token endpoint through the
 * local-only {@code therapy-cli} client (password grant), kept until shortly before they
 * expire.
 */
final class Logins {

	private static final Duration MARGIN = Duration.ofSeconds(60);

	private final Gateway gateway;

	private final String tokenEndpoint;

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	/**
	 * @param gateway the client to send with
	 * @param issuer the realm's issuer URL on 127.0.0.1
	 */
	Logins(Gateway gateway, String issuer) {
		this.gateway = gateway;
		this.tokenEndpoint = Gateway.requireLoopback(issuer) + "/protocol/openid-connect/token";
	}

	/**
	 * A token for the user, fetched now or kept from before.
	 * @param username the username (staff: their e-mail address)
	 * @param password their password
	 * @return the access token
	 * @throws DemoException if Keycloak refuses the login
	 */
	String token(String username, String password) {
		Token token = this.tokens.get(username);
		if (token != null && Instant.now().isBefore(token.renewAt())) {
			return token.value();
		}
		Gateway.Reply reply = this.gateway.postForm(this.tokenEndpoint, Map.of("grant_type", "password", "client_id",
				"therapy-cli", "username", username, "password", password));
		if (!reply.is(200)) {
			throw new DemoException("Keycloak refused the login of " + username + " (" + reply.status() + " "
					+ reply.json().path("error").asText("") + ")");
		}
		long seconds = reply.json().path("expires_in").asLong(300);
		Token fresh = new Token(reply.json().path("access_token").asText(),
				Instant.now().plusSeconds(seconds).minus(MARGIN));
		this.tokens.put(username, fresh);
		return fresh.value();
	}

	private record Token(String value, Instant renewAt) {
	}

}
