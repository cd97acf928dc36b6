package org.therapygroups.devstack.accounts;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.EventJson;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account management end to end: the real Keycloak, gateway, auth-service, MongoDB
 * default and Kafka.
 */
@ExtendWith(RunningStack.class)
class AccountsIT {

	private static final String STRONG_PASSWORD = "Welcome-to-group-7";

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	@Test
	void aDirectorCreatesATherapistWhoSetsAPasswordAndSignsIn() {
		String email = "tess." + suffix() + "@example.org";
		HttpResponse<String> created = post("/api/auth/staff", Tokens.forUser("director1"),
				staff("Tess", "Tester", email, "therapist"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode account = Http.json(created);
		String userId = account.get("userId").asText();
		String code = account.get("code").asText();
		assertThat(account.get("role").asText()).isEqualTo("therapist");
		assertThat(account.get("link").asText()).contains(code);

		assertThat(signIn(email, STRONG_PASSWORD).statusCode()).as("no password yet").isNotEqualTo(200);

		HttpResponse<String> weak = accept(code, "short1A");
		assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
		assertThat(weak.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Http.json(weak).get("detail").asText()).contains("password policy");

		HttpResponse<String> accepted = accept(code, STRONG_PASSWORD);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(Http.json(accepted).get("userId").asText()).isEqualTo(userId);

		HttpResponse<String> token = signIn(email, STRONG_PASSWORD);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(roles(Http.json(token).get("access_token").asText())).contains("therapist");

		HttpResponse<String> again = accept(code, "Another-pass-42");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(410);

		HttpResponse<String> duplicate = post("/api/auth/staff", Tokens.forUser("director1"),
				staff("Tessa", "Other", email, "director"));
		assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
		assertThat(duplicate.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		assertEventsWithoutEmail(userId, email, "therapist");
	}

	@Test
	void aTherapistInvitesAPatientWhoSignsInOnlyAfterAccepting() {
		String email = "pia." + suffix() + "@example.org";
		String therapist = Tokens.forUser("therapist1");
		HttpResponse<String> created = post("/api/auth/invitations", therapist,
				Map.of("firstName", "Pia", "lastName", "Patient", "email", email));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode invitation = Http.json(created);
		String userId = invitation.get("userId").asText();
		String username = invitation.get("username").asText();
		String firstCode = invitation.get("code").asText();
		assertThat(Base64.getUrlDecoder().decode(firstCode)).hasSize(32);
		assertThat(Instant.parse(invitation.get("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(6)));

		HttpResponse<String> reissued = post("/api/auth/invitations/" + userId + "/reissue", therapist, Map.of());
		assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(200);
		String code = Http.json(reissued).get("code").asText();
		assertThat(code).isNotEqualTo(firstCode);
		HttpResponse<String> oldCode = accept(firstCode, STRONG_PASSWORD);
		assertThat(oldCode.statusCode()).as("a re-issued code replaces the old one: %s", oldCode.body()).isEqualTo(400);

		HttpResponse<String> before = signIn(username, STRONG_PASSWORD);
		assertThat(before.statusCode()).as("disabled before acceptance: %s", before.body()).isNotEqualTo(200);

		HttpResponse<String> accepted = accept(code, STRONG_PASSWORD);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

		HttpResponse<String> token = signIn(username, STRONG_PASSWORD);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(roles(Http.json(token).get("access_token").asText())).contains("patient")
			.doesNotContain("therapist", "director");

		HttpResponse<String> again = accept(code, "Another-pass-42");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(410);

		assertEventsWithoutEmail(userId, email, "patient");
	}

	/** Many patients have no email address they want a clinic to use. */
	@Test
	void aPatientInvitedWithoutAnEmailSignsInAfterAccepting() {
		HttpResponse<String> created = post("/api/auth/invitations", Tokens.forUser("director1"),
				Map.of("firstName", "Noa", "lastName", "Nomail"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode invitation = Http.json(created);
		HttpResponse<String> accepted = accept(invitation.get("code").asText(), STRONG_PASSWORD);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> token = signIn(invitation.get("username").asText(), STRONG_PASSWORD);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(roles(Http.json(token).get("access_token").asText())).contains("patient");
	}

	@Test
	void onlyDirectorsCreateStaffAndPatientsInviteNobody() {
		HttpResponse<String> byTherapist = post("/api/auth/staff", Tokens.forUser("therapist1"),
				staff("Tom", "Nobody", "tom." + suffix() + "@example.org", "therapist"));
		assertThat(byTherapist.statusCode()).as(byTherapist.body()).isEqualTo(403);
		assertThat(byTherapist.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> byPatient = post("/api/auth/invitations", Tokens.forUser("patient1"),
				Map.of("firstName", "Pat", "lastName", "Friend"));
		assertThat(byPatient.statusCode()).as(byPatient.body()).isEqualTo(403);
	}

	@Test
	void invalidRequestsAnswerFieldErrors() {
		String director = Tokens.forUser("director1");
		Map<String, Object> noLicence = new LinkedHashMap<>(
				staff("Lia", "Nolicence", "lia." + suffix() + "@example.org", "therapist"));
		noLicence.remove("licenceType");
		noLicence.remove("licenceNumber");
		HttpResponse<String> missing = post("/api/auth/staff", director, noLicence);
		assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
		assertThat(fields(missing)).contains("licenceNumber", "licenceType");

		HttpResponse<String> badEmail = post("/api/auth/staff", director,
				staff("", "Someone", "not-an-email", "therapist"));
		assertThat(badEmail.statusCode()).as(badEmail.body()).isEqualTo(400);
		assertThat(fields(badEmail)).contains("email", "firstName");

		HttpResponse<String> unknownCode = accept("no-such-code", STRONG_PASSWORD);
		assertThat(unknownCode.statusCode()).as(unknownCode.body()).isEqualTo(400);
	}

	private static void assertEventsWithoutEmail(String userId, String email, String role) {
		List<CloudEvent> events = eventsOf(userId, 2);
		assertThat(events).extracting(CloudEvent::getType)
			.containsExactly("therapy.identity.user-registered.v1", "therapy.identity.user-activated.v1");
		for (CloudEvent event : events) {
			String json = EventJson.toJson(event);
			assertThat(json).doesNotContain(email).doesNotContain("@");
			assertThat(event.getSubject()).isEqualTo(userId);
			assertThat(Http.parse(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).get("role").asText())
				.isEqualTo(role);
		}
	}

	/** Reads identity.events from the start until the user's events are there. */
	static List<CloudEvent> eventsOf(String userId, int expected) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "accounts-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				StructuredCloudEventDeserializer.class.getName());
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties)) {
			consumer.subscribe(List.of(Topics.IDENTITY));
			Instant deadline = Instant.now().plusSeconds(60);
			while (found.size() < expected && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					if (userId.equals(record.key())) {
						found.add(record.value());
					}
				}
			}
		}
		assertThat(found).as("events of %s on %s", userId, Topics.IDENTITY).hasSize(expected);
		return found;
	}

	static Map<String, Object> staff(String firstName, String lastName, String email, String role) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("firstName", firstName);
		body.put("lastName", lastName);
		body.put("email", email);
		body.put("role", role);
		body.put("licenceType", "LPC");
		body.put("licenceNumber", "L-" + suffix());
		return body;
	}

	static HttpResponse<String> post(String path, String token, Object body) {
		return Http.send("POST", gateway(path), token, "application/json", Http.toJson(body));
	}

	private static HttpResponse<String> accept(String code, String password) {
		return post("/api/auth/public/invitations/accept", null, Map.of("code", code, "password", password));
	}

	/** A password grant with a password of the test's choosing. */
	private static HttpResponse<String> signIn(String username, String password) {
		return Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token", Map.of("grant_type",
				"password", "client_id", "therapy-cli", "username", username, "password", password));
	}

	private static List<String> roles(String accessToken) {
		JsonNode claims = Http
			.parse(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
		List<String> roles = new ArrayList<>();
		claims.path("realm_access").path("roles").forEach((role) -> roles.add(role.asText()));
		return roles;
	}

	private static List<String> fields(HttpResponse<String> response) {
		List<String> fields = new ArrayList<>();
		Http.json(response).path("errors").forEach((error) -> fields.add(error.get("field").asText()));
		return fields;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
