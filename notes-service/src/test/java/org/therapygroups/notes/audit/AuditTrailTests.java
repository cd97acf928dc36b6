package org.therapygroups.notes.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every action leaves its entry; the chain shows any entry altered, removed or reordered
 * directly in MongoDB, and where. Each tampering test restores the chain afterwards.
 */
class AuditTrailTests extends NotesServiceTestBase {

	@Autowired
	private AuditTrail trail;

	@Autowired
	private org.therapygroups.notes.crypto.Protection protection;

	@Autowired
	private org.therapygroups.notes.crypto.AuditKeys keys;

	@Autowired
	private CheckpointPublisher checkpoints;

	@Autowired
	private AuditProperties properties;

	private List<Document> saved;

	private Document savedHead;

	@BeforeEach
	void snapshot() {
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection("notes")
				.countDocuments(new Document(AuditTrail.PENDING + ".0", new Document("$exists", true))) == 0);
		this.saved = this.mongo.getCollection(AuditTrail.COLLECTION).find().into(new ArrayList<>());
		this.savedHead = this.mongo.getCollection(AuditTrail.HEAD_COLLECTION).find().first();
	}

	/**
	 * Puts every entry back as it was. Entries appended since stay: checkpoints may
	 * already pin them, so the history is repaired, never rewound.
	 */
	@AfterEach
	void restore() {
		var log = this.mongo.getCollection(AuditTrail.COLLECTION);
		List<Document> changed = new ArrayList<>();
		for (Document entry : this.saved) {
			if (!entry.equals(log.find(new Document("_id", entry.get("_id"))).first())) {
				changed.add(entry);
			}
		}
		if (!changed.isEmpty()) {
			log.deleteMany(
					new Document("_id", new Document("$in", changed.stream().map((e) -> e.get("_id")).toList())));
			log.insertMany(changed);
		}
		if (this.savedHead != null) {
			this.mongo.getCollection(AuditTrail.HEAD_COLLECTION)
				.updateOne(new Document("_id", "head").append("seq", new Document("$lt", this.savedHead.get("seq"))),
						new Document("$set", new Document("seq", this.savedHead.get("seq")).append("hash",
								this.savedHead.get("hash"))));
		}
		// the service caches the head: make it read the repaired chain again
		this.trail.forgetHead();
		assertThat(this.trail.verify().valid()).as("repaired").isTrue();
	}

	@Test
	void everyActionOfTheLifecycleIsAuditedWithTimeUserRolePatientNoteAndOutcome() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", true);
		String note = "/api/notes/" + s.noteId();
		this.mvc.perform(get(note).with(as(s.therapist(), "therapist"))).andExpect(status().isOk());
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc.perform(withJson(post(note + "/sign"), Map.of("version", 2)).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc.perform(post(note + "/co-sign").with(as(s.supervisor(), "therapist"))).andExpect(status().isOk());
		this.mvc
			.perform(withJson(post(note + "/addenda"), Map.of("text", "later")).with(as(s.therapist(), "therapist")))
			.andExpect(status().isCreated());
		this.mvc.perform(get(note + "/members/" + s.patientA()).with(as(s.patientA(), "patient")))
			.andExpect(status().isOk());
		this.mvc.perform(get(note).with(as(s.outsider(), "therapist"))).andExpect(status().isNotFound());
		this.mvc.perform(withJson(post(note + "/void"), Map.of("reason", "error")).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());

		await().atMost(TIMEOUT).until(() -> entries(s.noteId()).size() >= 9);
		List<Document> entries = entries(s.noteId());
		assertThat(entries).extracting((e) -> e.getString("action") + ":" + e.getString("outcome"))
			.containsExactly("CREATE:SUCCESS", "READ:SUCCESS", "SAVE:SUCCESS", "SIGN:SUCCESS", "CO_SIGN:SUCCESS",
					"ADDENDUM:SUCCESS", "READ:SUCCESS", "READ:DENIED", "VOID:SUCCESS");
		Document patientRead = entries.get(6);
		assertThat(patientRead.getString("userId")).isEqualTo(s.patientA());
		assertThat(patientRead.getString("role")).isEqualTo("patient");
		assertThat(patientRead.getList("patientIds", String.class)).containsExactly(s.patientA());
		assertThat(patientRead.getDate("time")).isNotNull();
		assertThat(entries.get(0).getString("userId")).isEqualTo("system");
		assertThat(entries.get(7).getString("userId")).isEqualTo(s.outsider());
		// each entry holds its predecessor's hash
		for (Document entry : entries) {
			long seq = entry.get("_id", Number.class).longValue();
			Document previous = this.mongo.getCollection(AuditTrail.COLLECTION)
				.find(new Document("_id", seq - 1))
				.first();
			assertThat(entry.getString("prevHash"))
				.isEqualTo((previous != null) ? previous.getString("hash") : AuditTrail.GENESIS);
		}
		// nothing clinical in the trail
		assertThat(entries.toString()).doesNotContain(NoteFixtures.SECRET, "abandonment");
		this.mvc.perform(get("/api/notes/audit/verify").with(as(s.director(), "director")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true));

		// directors list the entries of their own programs' patients, newest first
		directs(s.director(), s.programId());
		JsonNode byPatient = body(this.mvc
			.perform(get("/api/notes/audit").param("patientId", s.patientA())
				.param("sort", "time,desc")
				.with(as(s.director(), "director")))
			.andExpect(status().isOk()));
		assertThat(byPatient.size()).isGreaterThanOrEqualTo(8);
		assertThat(byPatient.get(0).get("action").asString()).isEqualTo("VOID");
		JsonNode byUser = body(this.mvc
			.perform(get("/api/notes/audit").param("userId", s.outsider()).with(as(s.director(), "director")))
			.andExpect(status().isOk()));
		assertThat(byUser).hasSize(1);
		// a director of another program sees none of them, and may not ask for them
		String otherDirector = id();
		directs(otherDirector, id());
		JsonNode others = body(
				this.mvc.perform(get("/api/notes/audit").param("size", "500").with(as(otherDirector, "director")))
					.andExpect(status().isOk()));
		assertThat(others.toString()).doesNotContain(s.patientA(), s.noteId());
		this.mvc.perform(get("/api/notes/audit").param("patientId", s.patientA()).with(as(otherDirector, "director")))
			.andExpect(status().isForbidden());

		// the accounting of disclosures: for the patient and for the program's director
		for (var caller : List.of(as(s.patientA(), "patient"), as(s.director(), "director"))) {
			JsonNode report = body(
					this.mvc.perform(get("/api/notes/audit/disclosures").param("patientId", s.patientA()).with(caller))
						.andExpect(status().isOk()));
			assertThat(report.get("patientId").asString()).isEqualTo(s.patientA());
			List<String> seen = new ArrayList<>();
			report.get("disclosures")
				.forEach((d) -> seen.add(d.get("userId").asString() + ":" + d.get("role").asString() + ":"
						+ d.get("action").asString()));
			assertThat(seen).contains("system:system:CREATE", s.therapist() + ":therapist:READ",
					s.therapist() + ":therapist:SAVE", s.supervisor() + ":therapist:CO_SIGN",
					s.patientA() + ":patient:READ", s.therapist() + ":therapist:VOID");
			// refusals and audit reads are not disclosures; content never appears
			assertThat(seen).noneMatch((d) -> d.startsWith(s.outsider()));
			assertThat(report.toString()).doesNotContain(NoteFixtures.SECRET, "abandonment");
		}
		this.mvc.perform(get("/api/notes/audit/disclosures").with(as(s.patientA(), "patient")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.patientId").value(s.patientA()));
		this.mvc
			.perform(get("/api/notes/audit/disclosures").param("from", "2999-01-01T00:00:00Z")
				.param("patientId", s.patientA())
				.with(as(s.patientA(), "patient")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.disclosures").isEmpty());
		for (var caller : List.of(as(s.patientB(), "patient"), as(s.therapist(), "therapist"),
				as(otherDirector, "director"))) {
			this.mvc.perform(get("/api/notes/audit/disclosures").param("patientId", s.patientA()).with(caller))
				.andExpect(status().isForbidden());
		}

		for (String sort : List.of("hash,asc", ",", "time,", ",asc", "time,asc,x", "")) {
			this.mvc.perform(get("/api/notes/audit").param("sort", sort).with(as(s.director(), "director")))
				.andExpect(sort.isEmpty() ? status().isOk() : status().isBadRequest());
		}
		this.mvc.perform(get("/api/notes/audit").param("sort", ",").with(as(s.director(), "director")))
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
		for (Map.Entry<String, String> bad : Map
			.of("from", "+1000000000-12-31T23:59:59Z", "to", "-1000000000-01-01T00:00:00Z", "page", "-1", "size", "0")
			.entrySet()) {
			this.mvc
				.perform(get("/api/notes/audit").param(bad.getKey(), bad.getValue()).with(as(s.director(), "director")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(bad.getKey()));
		}
		this.mvc.perform(get("/api/notes/audit").param("from", "yesterday").with(as(s.director(), "director")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void twoInstancesAppendingAtOnceKeepOneGaplessChain() throws Exception {
		// a second service instance on the same database, with its own cached head
		AuditTrail other = new AuditTrail(this.mongo, this.protection, List.of("notes"), this.keys, this.checkpoints,
				this.properties);
		long before = this.mongo.getCollection(AuditTrail.COLLECTION).countDocuments();
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			AuditTrail instance = (t % 2 == 0) ? this.trail : other;
			writers.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 25; i++) {
					instance.record(AuditRecord.of(
							new org.therapygroups.platform.security.Actor(id(), java.util.Set.of("therapist")),
							AuditAction.READ, id(), List.of(id()), AuditOutcome.SUCCESS));
				}
			}));
		}
		for (Thread writer : writers) {
			writer.join();
		}
		assertThat(this.mongo.getCollection(AuditTrail.COLLECTION).countDocuments()).isEqualTo(before + 200);
		Verification verification = this.trail.verify();
		assertThat(verification.valid()).as(String.valueOf(verification)).isTrue();
	}

	@Test
	void anAlteredEntryIsFoundAndNamed() throws Exception {
		long target = atLeastEntries(6) - 3;
		this.mongo.getCollection(AuditTrail.COLLECTION)
			.updateOne(new Document("_id", target),
					new Document("$set", new Document("outcome", "SUCCESS").append("userId", "someone-else")));
		assertBroken("ALTERED", target);
	}

	@Test
	void aRemovedEntryIsFoundAndNamed() throws Exception {
		long target = atLeastEntries(6) - 3;
		this.mongo.getCollection(AuditTrail.COLLECTION).deleteOne(new Document("_id", target));
		assertBroken("REMOVED", target);
	}

	@Test
	void entriesRemovedFromTheEndAreFound() throws Exception {
		long last = atLeastEntries(6);
		this.mongo.getCollection(AuditTrail.COLLECTION).deleteOne(new Document("_id", last));
		Verification verification = this.trail.verify();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problem()).isEqualTo("REMOVED");
		assertThat(verification.seq()).isEqualTo(last);
	}

	@Test
	void reorderedEntriesAreFoundAndNamed() throws Exception {
		long first = atLeastEntries(6) - 4;
		var log = this.mongo.getCollection(AuditTrail.COLLECTION);
		Document a = log.find(new Document("_id", first)).first();
		Document b = log.find(new Document("_id", first + 1)).first();
		log.deleteMany(new Document("_id", new Document("$in", List.of(first, first + 1))));
		log.insertOne(new Document(b).append("_id", first));
		log.insertOne(new Document(a).append("_id", first + 1));
		assertBroken("REORDERED", first);
	}

	@Test
	void anEntryRewrittenWithTheChainRecomputedIsFoundByItsMac() throws Exception {
		long last = atLeastEntries(6);
		long target = last - 3;
		var log = this.mongo.getCollection(AuditTrail.COLLECTION);
		String previous = log.find(new Document("_id", target - 1)).first().getString("hash");
		for (long seq = target; seq <= last; seq++) {
			Document entry = log.find(new Document("_id", seq)).first();
			if (seq == target) {
				entry.put("userId", "someone-else");
			}
			String hash = AuditTrail.hash(AuditTrail.recordOf(entry), previous);
			log.updateOne(new Document("_id", seq),
					new Document("$set", new Document("userId", entry.getString("userId")).append("prevHash", previous)
						.append("hash", hash)));
			previous = hash;
		}
		this.mongo.getCollection(AuditTrail.HEAD_COLLECTION)
			.updateOne(new Document("_id", "head"), new Document("$set", new Document("hash", previous)));
		Verification verification = this.trail.verify();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problem()).isEqualTo("ALTERED");
		assertThat(verification.seq()).isEqualTo(target);
		assertThat(verification.detail()).contains("MAC");
	}

	@Test
	void theEndCutOffWithTheHeadMovedBackIsFoundByTheCheckpoint() throws Exception {
		long last = atLeastEntries(6);
		// the checkpoint of the newest entry is out (at least every 500 ms in these
		// tests)
		await().atMost(TIMEOUT).until(() -> {
			Verification since = this.trail.verify(true);
			return since.anchoredTo() != null && since.anchoredTo() >= last;
		});
		long cut = last - 2;
		this.mongo.getCollection(AuditTrail.COLLECTION).deleteMany(new Document("_id", new Document("$gt", cut)));
		this.mongo.getCollection(AuditTrail.HEAD_COLLECTION)
			.updateOne(new Document("_id", "head"),
					new Document("$set",
							new Document("seq", cut).append("hash",
									this.mongo.getCollection(AuditTrail.COLLECTION)
										.find(new Document("_id", cut))
										.first()
										.get("hash"))));
		// as after a restart: the writer's memory does not help
		this.trail.forgetHead();
		for (boolean since : List.of(false, true)) {
			Verification verification = this.trail.verify(since);
			assertThat(verification.valid()).isFalse();
			assertThat(verification.problem()).isEqualTo("REMOVED");
			// a writer that reloaded the cut head may already have appended after it
			assertThat(verification.seq()).as(String.valueOf(verification)).isBetween(cut + 1, last);
		}
	}

	@Test
	void verificationSinceTheNewestCheckpointChecksOnlyTheNewerEntries() throws Exception {
		long last = atLeastEntries(6);
		await().atMost(TIMEOUT).until(() -> {
			Verification since = this.trail.verify(true);
			return since.anchoredTo() != null && since.anchoredTo() >= last;
		});
		Verification since = this.trail.verify(true);
		assertThat(since.valid()).as(String.valueOf(since)).isTrue();
		assertThat(since.scope()).isEqualTo(Verification.SINCE_CHECKPOINT);
		Verification full = this.trail.verify(false);
		assertThat(full.valid()).as(String.valueOf(full)).isTrue();
		assertThat(since.checked()).isLessThan(full.checked());
		assertThat(full.checkpoints()).isPositive();
	}

	private void assertBroken(String problem, long seq) throws Exception {
		String director = id();
		JsonNode verification = body(this.mvc.perform(get("/api/notes/audit/verify").with(as(director, "director")))
			.andExpect(status().isOk()));
		assertThat(verification.get("valid").asBoolean()).isFalse();
		assertThat(verification.get("problem").asString()).isEqualTo(problem);
		assertThat(verification.get("seq").asLong()).isEqualTo(seq);
	}

	/** Makes sure the chain has some entries; returns the newest sequence number. */
	private long atLeastEntries(int count) throws Exception {
		if (this.mongo.getCollection(AuditTrail.COLLECTION).countDocuments() < count) {
			Scenario s = givenCompletedSession("CBT", false);
			for (int i = 0; i < count; i++) {
				this.mvc.perform(get("/api/notes/" + s.noteId()).with(as(s.therapist(), "therapist")))
					.andExpect(status().isOk());
			}
		}
		Verification intact = this.trail.verify();
		assertThat(intact.valid()).as(String.valueOf(intact)).isTrue();
		snapshot();
		return this.mongo.getCollection(AuditTrail.COLLECTION)
			.find()
			.sort(new Document("_id", -1))
			.first()
			.get("_id", Number.class)
			.longValue();
	}

	/**
	 * What the sessions read model holds once a group event of the program names the
	 * director.
	 */
	private void directs(String director, String programId) {
		this.mongo.getCollection("groups")
			.updateMany(new Document("programId", programId),
					new Document("$addToSet", new Document("directorIds", director)));
	}

	private List<Document> entries(String noteId) {
		return this.mongo.getCollection(AuditTrail.COLLECTION)
			.find(new Document("noteId", noteId))
			.sort(new Document("_id", 1))
			.into(new ArrayList<>());
	}

}
