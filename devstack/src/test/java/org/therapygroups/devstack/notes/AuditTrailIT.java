package org.therapygroups.devstack.notes;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
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
 * The audit trail against an insider with the database's credentials, on the real local
 * stack: each way of tampering is done directly in MongoDB (or on the checkpoint topic)
 * and both the service's verification and the offline verifier, run as an auditor runs
 * it, report it with the first failing entry. Every change to the database is repaired
 * afterwards; the forged checkpoint cannot be (that is the point), so this class runs
 * last and its forging test last within it.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class AuditTrailIT {

	private String notes;

	private String directorToken;

	private String director;

	private String therapistToken;

	private String patientToken;

	private String patient;

	private String therapist;

	private String noteId;

	@BeforeAll
	void note() throws Exception {
		this.notes = RunningStack.config().gatewayUrl() + "/api/notes";
		this.directorToken = Tokens.forUser("director1");
		this.therapistToken = Tokens.forUser("therapist1");
		this.patientToken = Tokens.forUser("patient1");
		this.director = profileId(this.directorToken);
		this.therapist = profileId(this.therapistToken);
		this.patient = profileId(this.patientToken);
		String programId = UUID.randomUUID().toString();
		this.noteId = completedSession(programId);
		for (int i = 0; i < 5; i++) {
			assertStatus(Http.get(this.notes + "/" + this.noteId, this.therapistToken), 200);
		}
	}

	@Test
	@Order(1)
	void theAccountingOfDisclosuresListsWhoReadTheRecordsForThePatientAndTheDirector() {
		for (String token : List.of(this.patientToken, this.directorToken)) {
			HttpResponse<String> report = Http.get(this.notes + "/audit/disclosures?patientId=" + this.patient, token);
			assertStatus(report, 200);
			JsonNode disclosures = Http.json(report).get("disclosures");
			List<String> seen = new ArrayList<>();
			disclosures.forEach((d) -> seen.add(d.get("userId").asText() + ":" + d.get("role").asText() + ":"
					+ d.get("action").asText() + ":" + d.get("noteId").asText()));
			assertThat(seen).contains(this.therapist + ":therapist:READ:" + this.noteId,
					"system:system:CREATE:" + this.noteId);
		}
		assertStatus(Http.get(this.notes + "/audit/disclosures?patientId=" + this.patient, this.therapistToken), 403);
		assertStatus(Http.get(this.notes + "/audit/disclosures?patientId=" + UUID.randomUUID(), this.patientToken),
				403);
		assertStatus(Http.get(this.notes + "/audit?sort=,", this.directorToken), 400);
	}

	@Test
	@Order(2)
	void anIntactTrailPassesOnlineAndOffline(@TempDir Path dir) throws Exception {
		long newest = awaitCheckpointOfNewest();
		JsonNode full = verify("full");
		assertThat(full.get("valid").asBoolean()).as(full.toString()).isTrue();
		assertThat(full.get("anchoredTo").asLong()).isGreaterThanOrEqualTo(newest);
		Offline offline = offline(dir);
		assertThat(offline.code()).as(offline.output()).isZero();
		assertThat(offline.output()).contains("\"valid\": true");
	}

	@Test
	@Order(3)
	void aChangedFieldARemovedEntryAndSwappedEntriesAreNamed() throws Exception {
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			MongoCollection<Document> log = auditLog(mongo);
			long target = newest(log) - 3;
			Document a = log.find(Filters.eq("_id", target)).first();
			Document b = log.find(Filters.eq("_id", target + 1)).first();

			log.updateOne(Filters.eq("_id", target), Updates.set("userId", "someone-else"));
			assertProblem(verify("full"), "ALTERED", target);
			log.replaceOne(Filters.eq("_id", target), a);

			log.deleteOne(Filters.eq("_id", target));
			assertProblem(verify("full"), "REMOVED", target);
			log.insertOne(a);

			log.deleteMany(Filters.in("_id", target, target + 1));
			log.insertOne(new Document(b).append("_id", target));
			log.insertOne(new Document(a).append("_id", target + 1));
			assertProblem(verify("full"), "REORDERED", target);
			log.deleteMany(Filters.in("_id", target, target + 1));
			log.insertMany(List.of(a, b));
		}
		assertThat(verify("full").get("valid").asBoolean()).as("whole again").isTrue();
	}

	@Test
	@Order(4)
	void anEntryRewrittenWithTheChainRecomputedIsNamedOnlineAndCaughtOffline(@TempDir Path dir) throws Exception {
		long newest = awaitCheckpointOfNewest();
		long target = newest - 3;
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			MongoDatabase database = mongo.getDatabase("therapy_notes");
			MongoCollection<Document> log = auditLog(mongo);
			List<Document> originals = log.find(Filters.gte("_id", target))
				.sort(Sorts.ascending("_id"))
				.into(new ArrayList<>());
			// who read the note becomes someone else; every later hash and the head
			// follow
			String previous = log.find(Filters.eq("_id", target - 1)).first().getString("hash");
			for (Document original : originals) {
				Document entry = new Document(original);
				if (entry.get("_id", Number.class).longValue() == target) {
					entry.put("userId", "someone-else");
				}
				String hash = chainHash(entry, previous);
				log.updateOne(Filters.eq("_id", entry.get("_id")),
						Updates.combine(Updates.set("userId", entry.getString("userId")),
								Updates.set("prevHash", previous), Updates.set("hash", hash)));
				previous = hash;
			}
			database.getCollection("audit_head").updateOne(Filters.eq("_id", "head"), Updates.set("hash", previous));

			assertProblem(verify("full"), "ALTERED", target);
			Offline offline = offline(dir);
			assertThat(offline.code()).as(offline.output()).isEqualTo(1);
			assertThat(offline.output()).contains("\"problem\": \"REWRITTEN\"");

			for (Document original : originals) {
				log.replaceOne(Filters.eq("_id", original.get("_id")), original);
			}
		}
		assertThat(verify("full").get("valid").asBoolean()).as("whole again").isTrue();
	}

	@Test
	@Order(5)
	void theEndCutOffWithTheHeadMovedBackIsFoundAgainstTheCheckpoints(@TempDir Path dir) throws Exception {
		long newest = awaitCheckpointOfNewest();
		long cut = newest - 3;
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			MongoCollection<Document> log = auditLog(mongo);
			List<Document> removed = log.find(Filters.gt("_id", cut)).into(new ArrayList<>());
			log.deleteMany(Filters.gt("_id", cut));
			mongo.getDatabase("therapy_notes")
				.getCollection("audit_head")
				.updateOne(Filters.eq("_id", "head"), Updates.combine(Updates.set("seq", cut),
						Updates.set("hash", log.find(Filters.eq("_id", cut)).first().getString("hash"))));

			// the auditor's view: nothing but the export, the topic and the public key
			Offline offline = offline(dir);
			assertThat(offline.code()).as(offline.output()).isEqualTo(1);
			assertThat(offline.output()).contains("\"problem\": \"REMOVED\"", "\"seq\": " + (cut + 1));
			// the service, since the newest checkpoint only
			assertProblem(verify("since-checkpoint"), "REMOVED", cut + 1);

			// repair: the entries the service appended meanwhile follow the removed ones
			log.insertMany(removed);
		}
		assertThat(verify("full").get("valid").asBoolean()).as("whole again").isTrue();
	}

	@Test
	@Order(6)
	void aForgedCheckpointIsReported(@TempDir Path dir) throws Exception {
		long newest = awaitCheckpointOfNewest();
		String forged = new Document("seq", newest + 1000).append("hash", "f".repeat(64))
			.append("time", Instant.now().toString())
			.append("signature", java.util.Base64.getEncoder().encodeToString(new byte[69]))
			.toJson();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS, "audit", forged)).get(30, TimeUnit.SECONDS);
		}
		assertProblem(verify("full"), "FORGED_CHECKPOINT", newest + 1000);
		Offline offline = offline(dir);
		assertThat(offline.code()).as(offline.output()).isEqualTo(1);
		assertThat(offline.output()).contains("FORGED_CHECKPOINT");
	}

	/**
	 * Waits until a signed checkpoint covers the newest entry of now; returns its number.
	 */
	private long awaitCheckpointOfNewest() throws Exception {
		long newest;
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			newest = newest(auditLog(mongo));
		}
		// checkpoints come at least every 30 s while entries are written
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			JsonNode since = verify("since-checkpoint");
			if (since.hasNonNull("anchoredTo") && since.get("anchoredTo").asLong() >= newest) {
				return newest;
			}
			Thread.sleep(2000);
		}
		throw new AssertionError("no checkpoint of entry " + newest);
	}

	private record Offline(int code, String output) {
	}

	/** Runs the offline verifier as an auditor would: export, topic, public key. */
	private Offline offline(Path dir) throws IOException, InterruptedException {
		Path export = dir.resolve("audit_log.json");
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			List<String> lines = new ArrayList<>();
			for (Document entry : auditLog(mongo).find().sort(Sorts.ascending("_id"))) {
				lines.add(entry.toJson());
			}
			Files.write(export, lines);
		}
		HttpResponse<String> key = Http.get(this.notes + "/audit/public-key", this.directorToken);
		assertStatus(key, 200);
		Path publicKey = Files.writeString(dir.resolve("audit-public.json"), key.body());
		Path root = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();
		Process process = new ProcessBuilder(root.resolve("scripts/verify-audit.sh").toString(), "--export",
				export.toString(), "--public-key", publicKey.toString(), "--kafka",
				RunningStack.config().kafkaBootstrap())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Offline(process.exitValue(), output);
	}

	/** The chain's hash as the service computes it (the algorithm is public). */
	private static String chainHash(Document entry, String prevHash) throws Exception {
		String canonical = String.join("\u001f", entry.getString("entryId"),
				Long.toString(entry.getDate("time").getTime()), String.valueOf(entry.getString("userId")),
				String.valueOf(entry.getString("role")),
				String.join(",", entry.getList("patientIds", String.class, List.of())),
				String.valueOf(entry.getString("noteId")), entry.getString("action"), entry.getString("outcome"),
				prevHash);
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	private JsonNode verify(String scope) {
		HttpResponse<String> verify = Http.get(this.notes + "/audit/verify?scope=" + scope, this.directorToken);
		assertStatus(verify, 200);
		return Http.json(verify);
	}

	private static MongoCollection<Document> auditLog(MongoClient mongo) {
		return mongo.getDatabase("therapy_notes").getCollection("audit_log");
	}

	private static long newest(MongoCollection<Document> log) {
		return log.find().sort(Sorts.descending("_id")).first().get("_id", Number.class).longValue();
	}

	private static void assertProblem(JsonNode verification, String problem, long seq) {
		assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isFalse();
		assertThat(verification.get("problem").asText()).as(verification.toString()).isEqualTo(problem);
		assertThat(verification.get("seq").asLong()).as(verification.toString()).isEqualTo(seq);
	}

	private static void assertStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode())
			.as(response.request().method() + " " + response.request().uri() + ": " + response.body())
			.isEqualTo(status);
	}

	private static String profileId(String token) {
		HttpResponse<String> profile = Http.get(RunningStack.config().gatewayUrl() + "/api/auth/me/profile", token);
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		return Http.json(profile).get("id").asText();
	}

	/**
	 * A group led by therapist1 with patient1 in the program, and a completed session:
	 * its note.
	 */
	private String completedSession(String programId) throws Exception {
		String groupId = UUID.randomUUID().toString();
		String sessionId = UUID.randomUUID().toString();
		Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
		publish(new GroupCreated(groupId,
				new GroupDefinition(programId, "Audit group", "CBT", "Europe/Berlin",
						List.of(new Facilitator(this.therapist, "LEAD")), null, null, List.of(this.director)),
				this.therapist, Instant.now().minus(10, ChronoUnit.DAYS)));
		publish(new MembershipJoined(UUID.randomUUID().toString(), groupId, this.patient, this.patient,
				Instant.now().minus(9, ChronoUnit.DAYS)));
		publish(new SessionCompleted(sessionId, groupId, programId, "CBT", start, start.plus(90, ChronoUnit.MINUTES),
				List.of(new RosterEntry(this.patient, AttendanceStatus.PRESENT)), List.of(this.therapist)));
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

	private static void publish(EventPayload payload) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StructuredCloudEventSerializer())) {
			producer.send(CloudEventRecords.toRecord(Events.create(EventSources.SESSIONS_SERVICE, payload))).get();
		}
	}

}
