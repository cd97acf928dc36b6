package org.therapygroups.devstack.scheduling;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Real patients: invited by a director through auth-service, accepted, signed in. */
public final class Patients {

	static final String PASSWORD = "Group-member-2026";

	private Patients() {
	}

	/**
	 * A new patient account.
	 * @param firstName the first name
	 * @return the user id and an access token
	 */
	public static Patient invite(String firstName) {
		HttpResponse<String> created = post("/api/auth/invitations", Tokens.forUser("director1"),
				Map.of("firstName", firstName, "lastName", "Flow" + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode invitation = Http.json(created);
		HttpResponse<String> accepted = post("/api/auth/public/invitations/accept", null,
				Map.of("code", invitation.get("code").asText(), "password", PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> token = Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "therapy-cli", "username",
						invitation.get("username").asText(), "password", PASSWORD));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return new Patient(Http.json(accepted).get("userId").asText(), Http.json(token).get("access_token").asText());
	}

	public static HttpResponse<String> post(String path, String token, Object body) {
		return Http.send("POST", RunningStack.config().gatewayUrl() + path, token, "application/json",
				Http.toJson(body));
	}

	public record Patient(String id, String token) {
	}

}
