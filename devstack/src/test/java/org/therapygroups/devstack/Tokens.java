package org.therapygroups.devstack;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real tokens from the real Keycloak of the running stack. */
public final class Tokens {

	public static final String DEMO_PASSWORD = "Demo-pass-1";

	private Tokens() {
	}

	/** A password grant through the local-only therapy-cli client. */
	public static String forUser(String username) {
		return forUser(RunningStack.config().issuer(), "therapy-cli", username);
	}

	public static String forUser(String issuer, String clientId, String username) {
		HttpResponse<String> response = Http.postForm(issuer + "/protocol/openid-connect/token", Map.of("grant_type",
				"password", "client_id", clientId, "username", username, "password", DEMO_PASSWORD));
		assertThat(response.statusCode()).as("token for %s: %s", username, response.body()).isEqualTo(200);
		return Http.json(response).get("access_token").asText();
	}

	/** An admin token of the master realm, for test set-up through the Admin REST API. */
	public static String admin() {
		HttpResponse<String> response = Http.postForm(
				RunningStack.config().keycloakUrl() + "/realms/master/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "admin-cli", "username", StackConfig.KEYCLOAK_ADMIN,
						"password", StackConfig.KEYCLOAK_ADMIN_PASSWORD));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response).get("access_token").asText();
	}

	/**
	 * Client credentials of the auth-service client: a real token, but not for the API
	 * audience.
	 */
	public static String authServiceAccount() {
		HttpResponse<String> response = Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "client_credentials", "client_id", "auth-service", "client_secret",
						StackConfig.AUTH_SERVICE_CLIENT_SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response).get("access_token").asText();
	}

}
