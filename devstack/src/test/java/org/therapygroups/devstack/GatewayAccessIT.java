package org.therapygroups.devstack;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end: real Keycloak tokens, through the real gateway, to the three
 * real services, with Kafka and the MongoDB default behind them.
 */
@ExtendWith(RunningStack.class)
class GatewayAccessIT {

	private static final List<String> SERVICES = List.of("auth", "sessions", "notes");

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	@ParameterizedTest
	@CsvSource({ "therapist1, therapist", "patient1, patient", "director1, director" })
	void everyDemoUserIsKnownToEveryServiceWithItsRole(String username, String role) {
		String token = Tokens.forUser(username);
		for (String service : SERVICES) {
			HttpResponse<String> response = Http.get(gateway("/api/" + service + "/me"), token);
			assertThat(response.statusCode()).as("%s me for %s: %s", service, username, response.body()).isEqualTo(200);
			JsonNode me = Http.json(response);
			assertThat(me.get("username").asText()).isEqualTo(username);
			assertThat(me.get("subject").asText()).isNotBlank();
			assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly(role);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth", "sessions", "notes" })
	void noTokenIsRejectedBeforeRouting(String service) {
		HttpResponse<String> response = Http.get(gateway("/api/" + service + "/me"), null);
		assertUnauthorized(response);
	}

	@Test
	void aTamperedSignatureIsRejected() {
		String[] parts = Tokens.forUser("therapist1").split("\\.");
		byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
		signature[signature.length / 2] ^= 0x5a;
		String forged = parts[0] + "." + parts[1] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
		SERVICES.forEach((service) -> assertUnauthorized(Http.get(gateway("/api/" + service + "/me"), forged)));
	}

	@Test
	void aPayloadChangedUnderAValidSignatureIsRejected() {
		String[] parts = Tokens.forUser("patient1").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"patient\"", "\"director\"");
		String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
				+ "." + parts[2];
		assertUnauthorized(Http.get(gateway("/api/auth/realm"), forged));
	}

	/**
	 * Keycloak names the issuer after the address it was asked on: same keys, other
	 * issuer.
	 */
	@Test
	void aTokenFromAnotherIssuerIsRejected() {
		String otherIssuer = RunningStack.config().issuer().replace("127.0.0.1", "localhost");
		String token = Tokens.forUser(otherIssuer, "therapy-cli", "therapist1");
		assertThat(claims(token).get("iss").asText()).isEqualTo(otherIssuer);
		SERVICES.forEach((service) -> assertUnauthorized(Http.get(gateway("/api/" + service + "/me"), token)));
	}

	@Test
	void aTokenForAnotherAudienceIsRejected() {
		String token = Tokens.authServiceAccount();
		JsonNode aud = claims(token).get("aud");
		assertThat(aud == null ? "" : aud.toString()).doesNotContain("therapy-api");
		SERVICES.forEach((service) -> assertUnauthorized(Http.get(gateway("/api/" + service + "/me"), token)));
	}

	@Test
	void anExpiredTokenIsRejected() throws InterruptedException {
		String clientId = ShortLivedClient.create(2);
		String token = Tokens.forUser(RunningStack.config().issuer(), clientId, "therapist1");
		assertThat(Http.get(gateway("/api/sessions/me"), token).statusCode()).isEqualTo(200);
		Instant expiry = Instant.ofEpochSecond(claims(token).get("exp").asLong());
		// the services allow 10 s of clock skew (OAUTH2_CLOCK_SKEW)
		Duration wait = Duration.between(Instant.now(), expiry.plusSeconds(12));
		Thread.sleep(Math.max(0, wait.toMillis()));
		SERVICES.forEach((service) -> assertUnauthorized(Http.get(gateway("/api/" + service + "/me"), token)));
	}

	@Test
	void aPatientOnADirectorOnlyEndpointIsForbidden() {
		HttpResponse<String> response = Http.get(gateway("/api/auth/realm"), Tokens.forUser("patient1"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Http.get(gateway("/api/auth/realm"), Tokens.forUser("therapist1")).statusCode()).isEqualTo(403);
	}

	@Test
	void aDirectorReadsTheRealmRulesThroughTheServiceAccount() {
		HttpResponse<String> response = Http.get(gateway("/api/auth/realm"), Tokens.forUser("director1"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode realm = Http.json(response);
		assertThat(realm.get("roles")).extracting(JsonNode::asText).containsExactly("director", "patient", "therapist");
		assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
		assertThat(realm.get("passwordPolicy").asText()).contains("length");
	}

	@Test
	void gatewayErrorsAreProblemDocuments() {
		String token = Tokens.forUser("therapist1");
		HttpResponse<String> unknown = Http.get(gateway("/api/nowhere"), token);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertProblem(unknown);
		HttpResponse<String> malformed = Http.send("POST", gateway("/api/sessions/me"), token, "application/json",
				"{\"name\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertProblem(malformed);
		HttpResponse<String> oversize = Http.send("POST", gateway("/api/sessions/me"), token, "application/json",
				"\"" + "x".repeat(2 * 1024 * 1024) + "\"");
		assertThat(oversize.statusCode()).isEqualTo(413);
		assertProblem(oversize);
	}

	@Test
	void healthAndApiDocsArePublicAndSecurityHeadersAreSet() {
		HttpResponse<String> health = Http.get(gateway("/actuator/health"), null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(health.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		for (String service : SERVICES) {
			HttpResponse<String> docs = Http.get(gateway("/v3/api-docs/" + service), null);
			assertThat(docs.statusCode()).as(service).isEqualTo(200);
			assertThat(Http.json(docs).get("paths").has("/api/" + service + "/me")).isTrue();
		}
	}

	@Test
	void everyServiceIsReadyWithItsOwnDependencies() {
		// with data in the services' databases, as after any real use
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			for (String service : SERVICES) {
				mongo.getDatabase("therapy_" + service)
					.getCollection("readiness_probe")
					.insertOne(new Document("at", 1));
			}
		}
		Map<String, Integer> ports = Map.of("auth", RunningStack.config().authPort(), "sessions",
				RunningStack.config().sessionsPort(), "notes", RunningStack.config().notesPort());
		ports.forEach((service, port) -> {
			JsonNode readiness = Http.json(Http.get("http://127.0.0.1:" + port + "/actuator/health/readiness", null));
			assertThat(readiness.get("status").asText()).as(service).isEqualTo("UP");
			assertThat(readiness.get("components").has("mongo")).as(service).isTrue();
			// consumers that read events make a service ready only once they consume;
			// Kafka and Keycloak are shown, but never take a service out of rotation
			// (docs/faults.md)
			assertThat(readiness.get("components").has("consumers")).as(service).isEqualTo(!"auth".equals(service));
			assertThat(readiness.get("components").has("kafka")).as(service).isFalse();
			assertThat(readiness.get("components").has("keycloak")).as(service).isFalse();
			JsonNode health = Http.json(Http.get("http://127.0.0.1:" + port + "/actuator/health", null));
			assertThat(health.get("components").has("kafka")).as(service).isTrue();
			assertThat(health.get("components").has("keycloak")).as(service).isTrue();
		});
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertProblem(response);
	}

	private static void assertProblem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Http.json(response).get("status").asInt()).isEqualTo(response.statusCode());
	}

	static JsonNode claims(String token) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return Http.parse(payload);
	}

}
