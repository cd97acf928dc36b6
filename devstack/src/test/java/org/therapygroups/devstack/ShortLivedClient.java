package org.therapygroups.devstack;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A throw-away client whose access tokens live a few seconds, created through Keycloak's
 * Admin REST API, so an expired token signed by the real realm key can be tested.
 */
final class ShortLivedClient {

	private ShortLivedClient() {
	}

	static String create(int lifespanSeconds) {
		String clientId = "e2e-short-lived-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> client = Map.of("clientId", clientId, "publicClient", true, "directAccessGrantsEnabled",
				true, "standardFlowEnabled", false, "attributes",
				Map.of("access.token.lifespan", Integer.toString(lifespanSeconds)), "protocolMappers",
				List.of(Map.of("name", "therapy-api audience", "protocol", "openid-connect", "protocolMapper",
						"oidc-audience-mapper", "config", Map.of("included.custom.audience", "therapy-api",
								"access.token.claim", "true", "id.token.claim", "false"))));
		HttpResponse<String> response = Http.send("POST",
				RunningStack.config().keycloakUrl() + "/admin/realms/" + StackConfig.REALM + "/clients", Tokens.admin(),
				"application/json", Http.toJson(client));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return clientId;
	}

}
