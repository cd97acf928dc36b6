package org.therapygroups.sessions;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.platform.openapi.ApiDocumentCheck;
import org.therapygroups.sessions.support.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the gateway shows for sessions-service is one a client can use;
 * the file it leaves in {@code target/openapi} is what the strict linter checks.
 */
@ServiceTest
class ApiDocumentTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void theDocumentNamesTheBearerSchemeTheGatewayAndTheApisOwnTypes() {
		JsonNode document = ApiDocumentCheck.fetch(this.mvc, "sessions", "/api/sessions/public/");
		JsonNode feed = document.path("paths").path("/api/sessions/public/calendar/{token}.ics").path("get");
		assertThat(feed.path("responses").path("200").path("content").has("text/calendar")).isTrue();
		JsonNode start = document.path("components")
			.path("schemas")
			.path("RecurrenceRequest")
			.path("properties")
			.path("start");
		assertThat(start.path("example").asString()).isEqualTo("2026-09-01T18:00:00");
	}

}
