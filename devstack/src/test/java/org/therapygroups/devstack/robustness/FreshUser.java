package org.therapygroups.devstack.robustness;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new account of a role, invited by the demo director and signed in, so random requests
 * (renaming oneself, say) never touch the demo users other tests rely on.
 */
public final class FreshUser {

	private static final String PASSWORD = "Fuzzed-input-2026";

	private FreshUser() {
	}

	/**
	 * @param role director, therapist or patient
	 * @return an access token of the new user
	 */
	public static String token(String role) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("firstName", "Generative");
		body.put("lastName", role + suffix);
		String path = "/api/auth/invitations";
		if (!"patient".equals(role)) {
			path = "/api/auth/staff";
			body.put("email", role + "." + suffix + "@example.org");
			body.put("role", role);
			body.put("licenceType", "LPC");
			body.put("licenceNumber", "L-" + suffix);
		}
		HttpResponse<String> created = post(path, Tokens.forUser("director1"), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode account = Http.json(created);
		HttpResponse<String> accepted = post("/api/auth/public/invitations/accept", null,
				Map.of("code", account.get("code").asText(), "password", PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> signedIn = Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "therapy-cli", "username",
						account.get("username").asText(), "password", PASSWORD));
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		return Http.json(signedIn).get("access_token").asText();
	}

	private static HttpResponse<String> post(String path, String token, Object body) {
		return Http.send("POST", RunningStack.config().gatewayUrl() + path, token, "application/json",
				Http.toJson(body));
	}

}
