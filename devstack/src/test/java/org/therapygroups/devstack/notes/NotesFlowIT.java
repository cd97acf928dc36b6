package org.therapygroups.devstack.notes;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.EventJson;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.CloudEventRecords;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupCreated;
import org.therapygroups.events.sessions.GroupDefinition;
import org.therapygroups.events.sessions.MembershipJoined;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session notes on the real local stack: this test acts as sessions-service and puts a
 * group, a membership and a completed session on the stack's Kafka; notes-service opens
 * the draft, and therapist1, patient1 and director1 (real Keycloak tokens, through the
 * gateway) fill, sign, amend, read and audit it.
 */
@ExtendWith(RunningStack.class)
class NotesFlowIT {

	private static final String SECRET = "relapse-after-the-funeral-9Z";

	@Test
	void completedSessionToDraftToSignedNoteWithAddendumAccessAndAudit() throws Exception {
		String therapistToken = Tokens.forUser("therapist1");
		String patientToken = Tokens.forUser("patient1");
		String directorToken = Tokens.forUser("director1");
		String therapist = profileId(therapistToken);
		String patient = profileId(patientToken);
		String director = profileId(directorToken);
		String otherPatient = UUID.randomUUID().toString();
		String groupId = UUID.randomUUID().toString();
		String programId = UUID.randomUUID().toString();
		String sessionId = UUID.randomUUID().toString();
		Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

		publish(new GroupCreated(groupId,
				new GroupDefinition(programId, "Thursday aftercare", "PSYCHODYNAMIC", "Europe/Berlin",
						List.of(new Facilitator(therapist, "LEAD")), null, null, List.of(director)),
				therapist, Instant.now().minus(10, ChronoUnit.DAYS)));
		publish(new MembershipJoined(UUID.randomUUID().toString(), groupId, patient, patient,
				Instant.now().minus(9, ChronoUnit.DAYS)));
		publish(new SessionCompleted(sessionId, groupId, programId, "PSYCHODYNAMIC", start,
				start.plus(90, ChronoUnit.MINUTES), List.of(new RosterEntry(patient, AttendanceStatus.PRESENT),
						new RosterEntry(otherPatient, AttendanceStatus.LATE)),
				List.of(therapist)));

		String notes = RunningStack.config().gatewayUrl() + "/api/notes";
		HttpResponse<String> draft = null;
		Instant deadline = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(deadline)) {
			draft = Http.get(notes + "?sessionId=" + sessionId, therapistToken);
			if (draft.statusCode() == 200) {
				break;
			}
			Thread.sleep(300);
		}
		assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
		String noteId = Http.json(draft).get("noteId").asText();
		assertThat(Http.json(draft).get("status").asText()).isEqualTo("DRAFT");
		assertThat(Http.json(draft).get("template").get("id").asText()).isEqualTo("psychodynamic");

		Map<String, Object> entry = new LinkedHashMap<>();
		// the member's entry is new: at version 0
		entry.put("version", 0);
		entry.put("progress", Map.of("participation", "ENGAGED", "response", "Talked about the funeral " + SECRET,
				"plan", "Sponsor call"));
		entry.put("process",
				Map.of("freeAssociationThemes", List.of(Map.of("tags", List.of("grief"), "text", "Loss " + SECRET)),
						"defenses", List.of(Map.of("kind", "DENIAL", "observation", "It was nothing"))));
		assertStatus(send("PUT", notes + "/" + noteId + "/members/" + patient, therapistToken, entry), 200);
		assertStatus(send("PUT", notes + "/" + noteId + "/members/" + patient, therapistToken, entry), 409);
		HttpResponse<String> invalid = send("PUT", notes + "/" + noteId + "/members/" + patient, therapistToken,
				Map.of("version", 1, "process", Map.of("thoughtRecords", List.of())));
		assertStatus(invalid, 400);
		assertThat(invalid.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertStatus(send("POST", notes + "/" + noteId + "/sign", therapistToken, Map.of("version", 2)), 200);
		assertStatus(send("POST", notes + "/" + noteId + "/addenda", therapistToken,
				Map.of("text", "Called the sponsor", "patientId", patient, "part", "PROGRESS")), 201);

		HttpResponse<String> read = Http.get(notes + "/" + noteId, therapistToken);
		assertStatus(read, 200);
		assertThat(Http.json(read).get("integrity").asText()).isEqualTo("VERIFIED");
		assertThat(read.body()).contains(SECRET);

		HttpResponse<String> mine = Http.get(notes + "/mine", patientToken);
		assertStatus(mine, 200);
		JsonNode own = findNote(Http.json(mine), noteId);
		assertThat(own.get("progress").get("response").asText()).contains(SECRET);
		assertThat(own.has("process")).isFalse();
		assertStatus(Http.get(notes + "/" + noteId, patientToken), 403);
		assertStatus(Http.get(notes + "/" + noteId + "/members/" + otherPatient, patientToken), 404);
		assertStatus(Http.get(notes + "/" + noteId, directorToken), 403);

		HttpResponse<String> status = Http.get(notes + "/documentation-status?programId=" + programId, directorToken);
		assertStatus(status, 200);
		assertThat(Http.json(status).get("signed").asInt()).isEqualTo(1);
		assertThat(status.body()).doesNotContain(SECRET);
		HttpResponse<String> verify = Http.get(notes + "/audit/verify", directorToken);
		assertStatus(verify, 200);
		assertThat(Http.json(verify).get("valid").asBoolean()).as(verify.body()).isTrue();
		HttpResponse<String> audit = Http.get(notes + "/audit?patientId=" + patient + "&sort=time,desc", directorToken);
		assertStatus(audit, 200);
		assertThat(audit.body()).contains("\"SIGN\"", "\"ADDENDUM\"", "\"DENIED\"").doesNotContain(SECRET);

		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			Document stored = mongo.getDatabase("therapy_notes")
				.getCollection("notes")
				.find(Filters.eq("_id", noteId))
				.first();
			assertThat(stored.getString("status")).isEqualTo("SIGNED");
			assertThat(stored.toJson()).doesNotContain(SECRET, "grief", "DENIAL", "funeral");
		}
		List<String> types = noteEventTypes(noteId, 3);
		assertThat(types).containsExactly(EventTypes.Notes.NOTE_DRAFTED, EventTypes.Notes.NOTE_SIGNED,
				EventTypes.Notes.NOTE_ADDENDUM_ADDED);
	}

	/** Demo users reach the directories on first use of their profile. */
	private static String profileId(String token) {
		HttpResponse<String> profile = Http.get(RunningStack.config().gatewayUrl() + "/api/auth/me/profile", token);
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		return Http.json(profile).get("id").asText();
	}

	private static HttpResponse<String> send(String method, String url, String token, Object body) {
		return Http.send(method, url, token, "application/json", Http.toJson(body));
	}

	private static void assertStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode())
			.as(response.request().method() + " " + response.request().uri() + ": " + response.body())
			.isEqualTo(status);
	}

	private static JsonNode findNote(JsonNode entries, String noteId) {
		for (JsonNode entry : entries) {
			if (noteId.equals(entry.get("noteId").asText())) {
				return entry;
			}
		}
		throw new AssertionError("note " + noteId + " not among " + entries);
	}

	private static void publish(EventPayload payload) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StructuredCloudEventSerializer())) {
			producer.send(CloudEventRecords.toRecord(Events.create(EventSources.SESSIONS_SERVICE, payload))).get();
		}
	}

	private static List<String> noteEventTypes(String noteId, int count) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				RunningStack.config().kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "notes-it-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.NOTES));
			Instant deadline = Instant.now().plusSeconds(60);
			while (types.size() < count && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					CloudEvent event = EventJson.fromBytes(record.value());
					if (noteId.equals(event.getSubject())) {
						assertThat(new String(record.value())).doesNotContain(SECRET);
						types.add(event.getType());
					}
				}
			}
		}
		return types;
	}

}
