package org.therapygroups.devstack.accounts;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

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
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deactivation ends a user's sessions and refuses their access token at once in every
 * service; reactivation lets them sign in again and their token work again.
 */
@ExtendWith(RunningStack.class)
class AccountLifecycleIT {

	private static final String PASSWORD = "Lifecycle-pass-9";

	/** One view of a therapist's own in each service. */
	private static final List<String> OWN_VIEWS = List.of("/api/auth/me/profile", "/api/sessions/me/schedule",
			"/api/notes/templates");

	@Test
	void aDeactivatedTherapistLosesTheirSessionAndCanSignInAgainAfterReactivation() {
		String director = Tokens.forUser("director1");
		String email = "ida." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		Map<String, Object> staff = new LinkedHashMap<>();
		staff.put("firstName", "Ida");
		staff.put("lastName", "Inactive");
		staff.put("email", email);
		staff.put("role", "therapist");
		staff.put("licenceType", "LPC");
		staff.put("licenceNumber", "L-77");
		HttpResponse<String> created = post("/api/auth/staff", director, staff);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String userId = Http.json(created).get("userId").asText();
		HttpResponse<String> accepted = post("/api/auth/public/invitations/accept", null,
				Map.of("code", Http.json(created).get("code").asText(), "password", PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> signedIn = signIn(email);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		String refreshToken = Http.json(signedIn).get("refresh_token").asText();

		String own = Http.json(signedIn).get("access_token").asText();
		HttpResponse<String> profile = Http.send("PUT", RunningStack.config().gatewayUrl() + "/api/auth/me/profile",
				own, "application/json",
				"{\"displayName\":\"Ida I.\",\"contactPreferences\":{\"channel\":\"sms\",\"sessionReminders\":false}}");
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		HttpResponse<String> read = Http.get(RunningStack.config().gatewayUrl() + "/api/auth/me/profile", own);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(Http.json(read).get("displayName").asText()).isEqualTo("Ida I.");
		assertThat(Http.json(read).get("contactPreferences").get("channel").asText()).isEqualTo("sms");

		HttpResponse<String> byTherapist = post("/api/auth/users/" + userId + "/deactivate",
				Tokens.forUser("therapist1"), Map.of());
		assertThat(byTherapist.statusCode()).as(byTherapist.body()).isEqualTo(403);

		HttpResponse<String> deactivated = post("/api/auth/users/" + userId + "/deactivate", director, Map.of());
		assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
		HttpResponse<String> refreshed = Http.postForm(tokenEndpoint(),
				Map.of("grant_type", "refresh_token", "client_id", "therapy-cli", "refresh_token", refreshToken));
		assertThat(refreshed.statusCode()).as("refresh after deactivation: %s", refreshed.body()).isEqualTo(400);
		assertThat(signIn(email).statusCode()).isNotEqualTo(200);
		// the access token still in hand is refused by every service, through the gateway
		for (String path : OWN_VIEWS) {
			awaitStatus(path, own, 401);
		}

		HttpResponse<String> again = post("/api/auth/users/" + userId + "/deactivate", director, Map.of());
		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

		HttpResponse<String> reactivated = post("/api/auth/users/" + userId + "/reactivate", director, Map.of());
		assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
		HttpResponse<String> back = signIn(email);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
		for (String path : OWN_VIEWS) {
			awaitStatus(path, own, 200);
		}

		assertThat(eventTypesOf(userId, 5)).containsExactly("therapy.identity.user-registered.v1",
				"therapy.identity.user-activated.v1", "therapy.identity.user-profile-changed.v1",
				"therapy.identity.user-deactivated.v1", "therapy.identity.user-reactivated.v1");
	}

	@Test
	void aDirectorPromotesATherapistAndCliniciansFindThemInTheDirectory() {
		String director = Tokens.forUser("director1");
		String lastName = "Promoted" + UUID.randomUUID().toString().substring(0, 6);
		String email = "rita." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		Map<String, Object> staff = new LinkedHashMap<>();
		staff.put("firstName", "Rita");
		staff.put("lastName", lastName);
		staff.put("email", email);
		staff.put("role", "therapist");
		staff.put("licenceType", "LPC");
		staff.put("licenceNumber", "L-88");
		HttpResponse<String> created = post("/api/auth/staff", director, staff);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String userId = Http.json(created).get("userId").asText();

		HttpResponse<String> byTherapist = Http.send("PUT",
				RunningStack.config().gatewayUrl() + "/api/auth/users/" + userId + "/role",
				Tokens.forUser("therapist1"), "application/json", "{\"role\":\"director\"}");
		assertThat(byTherapist.statusCode()).as(byTherapist.body()).isEqualTo(403);
		HttpResponse<String> promoted = Http.send("PUT",
				RunningStack.config().gatewayUrl() + "/api/auth/users/" + userId + "/role", director,
				"application/json", "{\"role\":\"director\"}");
		assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
		assertThat(Http.json(promoted).get("previousRole").asText()).isEqualTo("therapist");

		String therapist = Tokens.forUser("therapist1");
		HttpResponse<String> one = Http.get(RunningStack.config().gatewayUrl() + "/api/auth/users/" + userId,
				therapist);
		assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
		assertThat(Http.json(one).get("role").asText()).isEqualTo("director");
		HttpResponse<String> found = Http.get(
				RunningStack.config().gatewayUrl() + "/api/auth/users?q=" + lastName.toLowerCase() + "&role=director",
				therapist);
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		assertThat(Http.json(found).get("total").asLong()).isEqualTo(1);
		assertThat(Http.json(found).get("items").get(0).get("userId").asText()).isEqualTo(userId);
		assertThat(found.body()).doesNotContain("outbox").doesNotContain("codeHash");
		assertThat(Http.get(RunningStack.config().gatewayUrl() + "/api/auth/users", Tokens.forUser("patient1"))
			.statusCode()).isEqualTo(403);

		assertThat(eventTypesOf(userId, 2)).containsExactly("therapy.identity.user-registered.v1",
				"therapy.identity.user-role-changed.v1");
	}

	private static List<String> eventTypesOf(String userId, int expected) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				StructuredCloudEventDeserializer.class.getName());
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties)) {
			consumer.subscribe(List.of(Topics.IDENTITY));
			Instant deadline = Instant.now().plusSeconds(60);
			while (types.size() < expected && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					if (userId.equals(record.key())) {
						types.add(record.value().getType());
					}
				}
			}
		}
		return types;
	}

	/**
	 * Waits until a view answers a status: sessions-service and notes-service learn of a
	 * change from identity.events, a moment after auth-service.
	 */
	private static void awaitStatus(String path, String token, int expected) {
		Instant deadline = Instant.now().plusSeconds(30);
		HttpResponse<String> response = Http.get(RunningStack.config().gatewayUrl() + path, token);
		while (response.statusCode() != expected && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			response = Http.get(RunningStack.config().gatewayUrl() + path, token);
		}
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(expected);
		if (expected == 401) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(response).get("detail").asText()).isEqualTo("This account is deactivated.");
		}
	}

	private static HttpResponse<String> post(String path, String token, Object body) {
		return Http.send("POST", RunningStack.config().gatewayUrl() + path, token, "application/json",
				Http.toJson(body));
	}

	private static HttpResponse<String> signIn(String username) {
		return Http.postForm(tokenEndpoint(), Map.of("grant_type", "password", "client_id", "therapy-cli", "username",
				username, "password", PASSWORD));
	}

	private static String tokenEndpoint() {
		return RunningStack.config().issuer() + "/protocol/openid-connect/token";
	}

}
