package org.therapygroups.auth;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.platform.openapi.ApiDocumentCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the gateway shows for auth-service is one a client can use, from
 * the whole service (an in-process database; Keycloak and Kafka are not called); the file
 * it leaves in {@code target/openapi} is what the strict linter checks.
 */
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=127.0.0.1:1")
@AutoConfigureMockMvc
class ApiDocumentTests {

	private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoServer.bind().getPort());
	}

	@AfterAll
	static void stopMongo() {
		mongoServer.shutdownNow();
	}

	@Autowired
	private MockMvc mvc;

	@Test
	void theDocumentNamesTheBearerSchemeTheGatewayAndTheRateLimit() {
		JsonNode document = ApiDocumentCheck.fetch(this.mvc, "auth", "/api/auth/public/");
		JsonNode accept = document.path("paths").path("/api/auth/public/invitations/accept").path("post");
		assertThat(accept.path("responses").has("429")).isTrue();
		assertThat(accept.path("responses").has("401")).isFalse();
	}

}
