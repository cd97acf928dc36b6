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

	@AfterEach
	void restore() {
		this.mongo.getCollection(AuditTrail.COLLECTION).deleteMany(new Document());
		if (!this.saved.isEmpty()) {
			this.mongo.getCollection(AuditTrail.COLLECTION).insertMany(this.saved);
		}
		this.mongo.getCollection(AuditTrail.HEAD_COLLECTION).deleteMany(new Document());
		if (this.savedHead != null) {
			this.mongo.getCollection(AuditTrail.HEAD_COLLECTION).insertOne(this.savedHead);
		}
		// the service caches the head: make it read the restored chain again
		this.trail.forgetHead();
	}

	@Test
	void everyActionOfTheLifecycleIsAuditedWithTimeUserRolePatientNoteAndOutcome() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", true);
		String note = "/api/notes/" + s.noteId();
		this.mvc.perform(get(note).with(as(s.therapist(), "therapist"))).andExpect(status().isOk());
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()),
					NoteFixtures.save(1, NoteFixtures.psychodynamicEntry()))
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

		// directors list by patient, newest first
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
		this.mvc.perform(get("/api/notes/audit").param("sort", "hash,asc").with(as(s.director(), "director")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
	}

	@Test
	void twoInstancesAppendingAtOnceKeepOneGaplessChain() throws Exception {
		// a second service instance on the same database, with its own cached head
		AuditTrail other = new AuditTrail(this.mongo, this.protection, List.of("notes"));
		long before = this.mongo.getCollection(AuditTrail.COLLECTION).countDocuments();
		List<Thread> writers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			AuditTrail instance = (t % 2 == 0) ? this.trail : other;
			writers.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 25; i++) {
					instance.record(AuditRecord.of(
							new org.therapygroups.notes.access.Actor(id(), java.util.Set.of("therapist")),
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
		assertThat(this.trail.verify().valid()).isTrue();
		snapshot();
		return this.mongo.getCollection(AuditTrail.COLLECTION)
			.find()
			.sort(new Document("_id", -1))
			.first()
			.get("_id", Number.class)
			.longValue();
	}

	private List<Document> entries(String noteId) {
		return this.mongo.getCollection(AuditTrail.COLLECTION)
			.find(new Document("noteId", noteId))
			.sort(new Document("_id", 1))
			.into(new ArrayList<>());
	}

}
