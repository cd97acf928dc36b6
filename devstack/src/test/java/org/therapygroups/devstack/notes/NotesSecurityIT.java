package org.therapygroups.devstack.notes;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.Events;
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
 * The protections of notes on the real local stack, with real Keycloak tokens through the
 * gateway: the access matrix of the three demo roles on their own and others' records, no
 * plaintext anywhere in the service's database, key rotation while running, and tampering
 * with the audit chain directly in MongoDB (each tampering is undone afterwards, so the
 * chain is whole again for every later test).
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotesSecurityIT {

	private static final String SECRET = "craving-at-the-station-4K";

	private String notes;

	private String therapistToken;

	private String patientToken;

	private String directorToken;

	private String patient;

	private String director;

	private String otherPatient;

	/** Signed, therapist1 facilitates its group. */
	private String ownNote;

	/** A draft of a group therapist1 does not facilitate. */
	private String otherNote;

	@BeforeAll
	void notes() throws Exception {
		this.notes = RunningStack.config().gatewayUrl() + "/api/notes";
		this.therapistToken = Tokens.forUser("therapist1");
		this.patientToken = Tokens.forUser("patient1");
		this.directorToken = Tokens.forUser("director1");
		String therapist = profileId(this.therapistToken);
		this.patient = profileId(this.patientToken);
		this.director = profileId(this.directorToken);
		this.otherPatient = UUID.randomUUID().toString();
		this.ownNote = completedSession(therapist);
		this.otherNote = completedSession(UUID.randomUUID().toString());

		Map<String, Object> entry = new LinkedHashMap<>();
		// the member's entry is new: at version 0
		entry.put("version", 0);
		entry.put("progress", Map.of("response", "Spoke of the station " + SECRET));
		entry.put("process", Map.of("freeAssociationThemes",
				List.of(Map.of("tags", List.of("loneliness"), "text", "Trains leaving " + SECRET))));
		assertStatus(
				send("PUT", this.notes + "/" + this.ownNote + "/members/" + this.patient, this.therapistToken, entry),
				200);
		assertStatus(send("POST", this.notes + "/" + this.ownNote + "/sign", this.therapistToken, Map.of("version", 2)),
				200);
	}

	@Test
	void eachRoleReachesOnlyItsOwnRecords() {
		String own = this.notes + "/" + this.ownNote;
		String other = this.notes + "/" + this.otherNote;
		// therapist1: facilitator of own, no relation to other
		assertStatus(Http.get(own, this.therapistToken), 200);
		assertStatus(Http.get(own + "/members/" + this.patient, this.therapistToken), 200);
		assertStatus(Http.get(other, this.therapistToken), 404);
		assertStatus(Http.get(other + "/members/" + this.patient, this.therapistToken), 404);
		assertStatus(Http.get(this.notes + "/patients/" + this.patient + "/patterns", this.therapistToken), 200);
		assertStatus(Http.get(this.notes + "/patients/" + this.otherPatient + "/patterns", this.therapistToken), 404);
		assertStatus(Http.get(this.notes + "/mine", this.therapistToken), 403);
		assertStatus(Http.get(this.notes + "/audit", this.therapistToken), 403);
		assertStatus(Http.get(this.notes + "/documentation-status", this.therapistToken), 403);
		// patient1: own signed progress entry only
		HttpResponse<String> ownEntry = Http.get(own + "/members/" + this.patient, this.patientToken);
		assertStatus(ownEntry, 200);
		assertThat(Http.json(ownEntry).has("process")).isFalse();
		assertStatus(Http.get(own + "/members/" + this.otherPatient, this.patientToken), 404);
		assertStatus(Http.get(other + "/members/" + this.patient, this.patientToken), 404);
		assertStatus(Http.get(own, this.patientToken), 403);
		assertStatus(Http.get(this.notes + "/mine", this.patientToken), 200);
		assertStatus(Http.get(this.notes + "/patients/" + this.patient + "/patterns", this.patientToken), 403);
		assertStatus(Http.get(this.notes + "/audit", this.patientToken), 403);
		// director1: status and audit, never content
		assertStatus(Http.get(own, this.directorToken), 403);
		assertStatus(Http.get(own + "/members/" + this.patient, this.directorToken), 403);
		assertStatus(Http.get(this.notes + "/patients/" + this.patient + "/patterns", this.directorToken), 403);
		assertStatus(Http.get(this.notes + "/documentation-status", this.directorToken), 200);
		assertStatus(Http.get(this.notes + "/audit?sort=time,desc&size=10", this.directorToken), 200);
		// every refusal is in the trail
		HttpResponse<String> denied = Http.get(this.notes + "/audit?patientId=" + this.patient + "&size=500",
				this.directorToken);
		assertThat(denied.body()).contains("\"DENIED\"");
	}

	@Test
	void theDatabaseHoldsNoPlaintextAndRotationKeepsOldNotesReadable() {
		HttpResponse<String> before = Http.get(this.notes + "/admin/keys", this.directorToken);
		assertStatus(before, 200);
		HttpResponse<String> rotated = send("POST", this.notes + "/admin/keys/rotate", this.directorToken, Map.of());
		assertStatus(rotated, 200);
		int newKey = Http.json(rotated).get("primaryKeyId").asInt();
		assertThat(newKey).isNotEqualTo(Http.json(before).get("primaryKeyId").asInt());
		assertStatus(send("POST", this.notes + "/" + this.ownNote + "/addenda", this.therapistToken,
				Map.of("text", "After rotation " + SECRET, "patientId", this.patient)), 201);

		HttpResponse<String> read = Http.get(this.notes + "/" + this.ownNote, this.therapistToken);
		assertStatus(read, 200);
		assertThat(Http.json(read).get("integrity").asText()).isEqualTo("VERIFIED");
		assertThat(read.body()).contains("Spoke of the station", "After rotation");

		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			MongoDatabase database = mongo.getDatabase("therapy_notes");
			Document note = database.getCollection("notes").find(Filters.eq("_id", this.ownNote)).first();
			Document process = note.get("members", Document.class)
				.get(this.patient, Document.class)
				.get("process", Document.class);
			Document addendum = note.getList("addenda", Document.class).get(0).get("text", Document.class);
			assertThat(addendum.getInteger("kid")).isEqualTo(newKey);
			assertThat(process.getInteger("kid")).isNotEqualTo(newKey);
			StringBuilder everything = new StringBuilder();
			for (String name : database.listCollectionNames()) {
				for (Document document : database.getCollection(name).find()) {
					everything.append(document.toJson());
					binaries(document, everything);
				}
			}
			assertThat(everything.toString()).doesNotContain(SECRET, "loneliness", "Trains leaving",
					"Spoke of the station", "After rotation");
		}
	}

	@Test
	void alteredRemovedAndReorderedAuditEntriesAreFoundAndNamed() throws Exception {
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			MongoCollection<Document> log = mongo.getDatabase("therapy_notes").getCollection("audit_log");
			assertThat(verify().get("valid").asBoolean()).isTrue();
			long newest = log.find().sort(Sorts.descending("_id")).first().get("_id", Number.class).longValue();
			long target = newest - 3;
			Document a = log.find(Filters.eq("_id", target)).first();
			Document b = log.find(Filters.eq("_id", target + 1)).first();

			log.updateOne(Filters.eq("_id", target),
					new Document("$set", new Document("outcome", "SUCCESS").append("userId", "someone-else")));
			assertProblem(verify(), "ALTERED", target);
			log.replaceOne(Filters.eq("_id", target), a);

			log.deleteOne(Filters.eq("_id", target));
			assertProblem(verify(), "REMOVED", target);
			log.insertOne(a);

			log.deleteMany(Filters.in("_id", target, target + 1));
			log.insertOne(new Document(b).append("_id", target));
			log.insertOne(new Document(a).append("_id", target + 1));
			assertProblem(verify(), "REORDERED", target);
			log.deleteMany(Filters.in("_id", target, target + 1));
			log.insertMany(List.of(a, b));
		}
		assertThat(verify().get("valid").asBoolean()).as("chain whole again").isTrue();
	}

	private JsonNode verify() {
		HttpResponse<String> verify = Http.get(this.notes + "/audit/verify", this.directorToken);
		assertStatus(verify, 200);
		return Http.json(verify);
	}

	private static void assertProblem(JsonNode verification, String problem, long seq) {
		assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isFalse();
		assertThat(verification.get("problem").asText()).isEqualTo(problem);
		assertThat(verification.get("seq").asLong()).isEqualTo(seq);
	}

	/**
	 * A psychodynamic group led by {@code therapist} with patient1, and a completed
	 * session: its note id.
	 */
	private String completedSession(String therapist) throws Exception {
		String groupId = UUID.randomUUID().toString();
		String programId = UUID.randomUUID().toString();
		String sessionId = UUID.randomUUID().toString();
		Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		publish(new GroupCreated(groupId,
				new GroupDefinition(programId, "Monday group", "PSYCHODYNAMIC", "Europe/Berlin",
						List.of(new Facilitator(therapist, "LEAD")), null, null, List.of(this.director)),
				therapist, Instant.now().minus(10, ChronoUnit.DAYS)));
		publish(new MembershipJoined(UUID.randomUUID().toString(), groupId, this.patient, this.patient,
				Instant.now().minus(9, ChronoUnit.DAYS)));
		publish(new SessionCompleted(sessionId, groupId, programId, "PSYCHODYNAMIC", start,
				start.plus(90, ChronoUnit.MINUTES), List.of(new RosterEntry(this.patient, AttendanceStatus.PRESENT),
						new RosterEntry(this.otherPatient, AttendanceStatus.PRESENT)),
				List.of(therapist)));
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			Instant deadline = Instant.now().plusSeconds(60);
			while (Instant.now().isBefore(deadline)) {
				Document note = mongo.getDatabase("therapy_notes")
					.getCollection("notes")
					.find(Filters.eq("sessionId", sessionId))
					.first();
				if (note != null) {
					return note.getString("_id");
				}
				Thread.sleep(300);
			}
		}
		throw new AssertionError("no draft for session " + sessionId);
	}

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

	private static void publish(EventPayload payload) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StructuredCloudEventSerializer())) {
			producer.send(CloudEventRecords.toRecord(Events.create(EventSources.SESSIONS_SERVICE, payload))).get();
		}
	}

	private static void binaries(Object value, StringBuilder out) {
		if (value instanceof Binary binary) {
			out.append(new String(binary.getData(), StandardCharsets.ISO_8859_1));
		}
		else if (value instanceof Document document) {
			document.values().forEach((v) -> binaries(v, out));
		}
		else if (value instanceof List<?> list) {
			new ArrayList<>(list).forEach((v) -> binaries(v, out));
		}
	}

}
