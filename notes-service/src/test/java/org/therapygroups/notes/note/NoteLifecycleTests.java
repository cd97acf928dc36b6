package org.therapygroups.notes.note;

import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.events.sessions.SessionScheduled;
import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * session.completed → draft → fill → sign → co-sign → addendum → void, through the real
 * broker, the real database server and the HTTP API.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoteLifecycleTests extends NotesServiceTestBase {

	@Test
	void completedSessionOpensOneDraftWithRosterAndAttendanceEvenWhenRedelivered() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		// the same event again (a redelivery) and a new event for the same session
		CloudEvent again = Events.create(org.therapygroups.events.EventSources.SESSIONS_SERVICE, s.sessionCompleted());
		publish(again);
		publish(again);
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection("processed_events")
				.countDocuments(new Document("eventId", again.getId())) == 1);

		assertThat(this.mongo.getCollection("notes").countDocuments(new Document("sessionId", s.sessionId()))).isOne();
		Document note = noteOf(s.sessionId());
		assertThat(note.getString("status")).isEqualTo("DRAFT");
		assertThat(note.getString("modality")).isEqualTo("PSYCHODYNAMIC");
		assertThat(note.get("template", Document.class).getString("id")).isEqualTo("psychodynamic");
		assertThat(note.getList("roster", Document.class)).extracting((r) -> r.getString("attendance"))
			.containsExactly("PRESENT", "LATE", "NO_SHOW");
		List<CloudEvent> events = noteEvents(s.noteId(), 1);
		assertThat(events).extracting(CloudEvent::getType).containsExactly(EventTypes.Notes.NOTE_DRAFTED);
		assertThat(Events.partitionKey(events.get(0))).isEqualTo(s.groupId());
	}

	@Test
	void draftIsFilledSignedCoSignedAmendedAndReadBack(CapturedOutput output) throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", true);
		String note = "/api/notes/" + s.noteId();

		JsonNode found = body(this.mvc
			.perform(get("/api/notes").param("sessionId", s.sessionId()).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
		assertThat(found.get("noteId").asString()).isEqualTo(s.noteId());
		assertThat(found.has("members")).isFalse();

		this.mvc
			.perform(withJson(put(note + "/group"), Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2));
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry("abandonment", "shame")))
				.with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(3));
		// autosave from a stale tab: A's entry moved on
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientB()),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry("anger")))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());

		this.mvc.perform(withJson(post(note + "/sign"), Map.of("version", 4)).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SIGNED"));
		Document signed = noteOf(s.sessionId());
		assertThat(signed.get("signature", Document.class).getString("signerId")).isEqualTo(s.therapist());
		assertThat(signed.get("signature", Document.class).getString("contentHash")).hasSize(64);
		assertThat(signed.getBoolean("coSignRequired")).isTrue();

		// signed content is locked
		this.mvc
			.perform(withJson(put(note + "/group"), Map.of("version", 1, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict());
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()),
					NoteFixtures.save(1, NoteFixtures.psychodynamicEntry()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict());
		// only the supervisor co-signs
		this.mvc.perform(post(note + "/co-sign").with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post(note + "/co-sign").with(as(s.supervisor(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CO_SIGNED"));

		JsonNode addendum = body(this.mvc
			.perform(withJson(post(note + "/addenda"),
					Map.of("text", "Late entry: phoned on Monday " + NoteFixtures.SECRET, "patientId", s.patientA(),
							"part", "PROGRESS"))
				.with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isCreated()));
		assertThat(addendum.get("serviceDate").asString()).isNotBlank();
		assertThat(addendum.get("writtenAt").asString()).isNotBlank();

		JsonNode read = body(
				this.mvc.perform(get(note).with(as(s.supervisor(), "therapist"))).andExpect(status().isOk()));
		assertThat(read.get("status").asString()).isEqualTo("CO_SIGNED");
		assertThat(read.get("integrity").asString()).isEqualTo("VERIFIED");
		assertThat(read.get("group").get("topic").asString()).contains(NoteFixtures.SECRET);
		assertThat(read.get("members")).hasSize(2);
		assertThat(read.get("members").get(0).get("process").get("defenses").get(0).get("kind").asString())
			.isEqualTo("MINIMISATION");
		assertThat(read.get("addenda").get(0).get("text").asString()).startsWith("Late entry");
		assertThat(read.get("coSignature").get("signerId").asString()).isEqualTo(s.supervisor());

		// the patient sees their own signed progress entry, never the process note
		JsonNode mine = body(
				this.mvc.perform(get("/api/notes/mine").with(as(s.patientA(), "patient"))).andExpect(status().isOk()));
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0).get("progress").get("response").asString()).contains("weekend");
		assertThat(mine.get(0).has("process")).isFalse();
		assertThat(mine.get(0).get("addenda")).hasSize(1);
		JsonNode own = body(this.mvc.perform(get(note + "/members/" + s.patientA()).with(as(s.patientA(), "patient")))
			.andExpect(status().isOk()));
		assertThat(own.has("process")).isFalse();
		assertThat(own.get("progress").get("plan").asString()).isEqualTo("Keep the diary");

		List<CloudEvent> events = noteEvents(s.noteId(), 4);
		assertThat(events).extracting(CloudEvent::getType)
			.containsExactly(EventTypes.Notes.NOTE_DRAFTED, EventTypes.Notes.NOTE_SIGNED,
					EventTypes.Notes.NOTE_CO_SIGNED, EventTypes.Notes.NOTE_ADDENDUM_ADDED);
		NoteSigned signedEvent = Events.payload(events.get(1), NoteSigned.class);
		assertThat(signedEvent.signerId()).isEqualTo(s.therapist());
		assertThat(signedEvent.coSignRequired()).isTrue();
		for (CloudEvent event : events) {
			assertThat(new String(event.getData().toBytes())).doesNotContain(NoteFixtures.SECRET, "abandonment",
					"MINIMISATION");
		}
		// no clinical text in the logs either
		assertThat(output.getAll()).doesNotContain(NoteFixtures.SECRET, "abandonment", "Late entry");
	}

	@Test
	void theApiDocumentDescribesTheNotesEndpoints() throws Exception {
		String document = this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(document).contains("/api/notes/{noteId}/sign", "/api/notes/audit/verify",
				"/api/notes/patients/{patientId}/patterns");
	}

	@Test
	void signerWhoIsTheSupervisorNeedsNoCoSignature() throws Exception {
		Scenario s = givenCompletedSession("CBT", false);
		this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/members/" + s.patientA()),
					NoteFixtures.save(0, NoteFixtures.cbtEntry(80, "CATASTROPHISING", "MIND_READING")))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc
			.perform(withJson(post("/api/notes/" + s.noteId() + "/sign"), Map.of("version", 2))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		assertThat(noteOf(s.sessionId()).getBoolean("coSignRequired")).isFalse();
		this.mvc.perform(post("/api/notes/" + s.noteId() + "/co-sign").with(as(s.therapist(), "therapist")))
			.andExpect(status().isForbidden());
	}

	@Test
	void voidedNoteIsKeptWithItsReasonAndTakesNoMoreChanges() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		String note = "/api/notes/" + s.noteId();
		this.mvc
			.perform(withJson(post(note + "/void"), Map.of("reason", "Wrong group " + NoteFixtures.SECRET))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("VOIDED"));
		Document stored = noteOf(s.sessionId());
		assertThat(stored.getString("status")).isEqualTo("VOIDED");
		assertThat(stored.get("voided", Document.class).getString("statusBefore")).isEqualTo("DRAFT");
		this.mvc.perform(get(note).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.voided.reason").value("Wrong group " + NoteFixtures.SECRET));
		this.mvc
			.perform(withJson(put(note + "/group"), Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict());
		this.mvc.perform(withJson(post(note + "/void"), Map.of("reason", "again")).with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict());
		assertThat(noteEvents(s.noteId(), 2)).extracting(CloudEvent::getType)
			.containsExactly(EventTypes.Notes.NOTE_DRAFTED, EventTypes.Notes.NOTE_VOIDED);
	}

	@Test
	void facilitatorOpensADraftByHandAndTheCompletionThenFillsInAttendance() throws Exception {
		Scenario s = NoteFixtures.scenario("CBT", false);
		publish(s.groupCreated());
		for (String patient : s.patients()) {
			publish(s.joined(patient));
		}
		java.time.Instant start = java.time.Instant.now()
			.minusSeconds(3600)
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		publish(new SessionScheduled(s.sessionId(), s.groupId(), start, start.plusSeconds(5400), false,
				java.time.Instant.now().minusSeconds(86400)));
		awaitMembership(s.patientC(), s.groupId());
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection("sessions").find(new Document("_id", s.sessionId())).first() != null);

		this.mvc
			.perform(withJson(post("/api/notes"), Map.of("sessionId", s.sessionId()))
				.with(as(s.outsider(), "therapist")))
			.andExpect(status().isNotFound());
		JsonNode opened = body(this.mvc
			.perform(withJson(post("/api/notes"), Map.of("sessionId", s.sessionId()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isCreated()));
		assertThat(opened.get("roster")).hasSize(3);
		assertThat(opened.get("roster").get(0).get("attendance").asString()).isEqualTo("NOT_RECORDED");
		this.mvc
			.perform(withJson(post("/api/notes"), Map.of("sessionId", s.sessionId()))
				.with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.noteId").value(opened.get("noteId").asString()));

		publish(s.completedAt(s.sessionId(), start));
		await().atMost(TIMEOUT).until(() -> "SESSION_COMPLETED".equals(noteOf(s.sessionId()).getString("rosterFrom")));
		assertThat(this.mongo.getCollection("notes").countDocuments(new Document("sessionId", s.sessionId()))).isOne();
		assertThat(noteOf(s.sessionId()).getList("roster", Document.class)).extracting((r) -> r.getString("attendance"))
			.containsExactly("PRESENT", "LATE", "NO_SHOW");
	}

	@Test
	void directorsSeeDocumentationStatusWithoutContent() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		Scenario old = s.withNoteId(null);
		String oldSession = id();
		publish(old.completedAt(oldSession, java.time.Instant.now().minus(5, java.time.temporal.ChronoUnit.DAYS)));
		awaitNote(oldSession);
		this.mvc
			.perform(withJson(post("/api/notes/" + s.noteId() + "/sign"), Map.of("version", 1))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());

		JsonNode report = body(this.mvc
			.perform(get("/api/notes/documentation-status").param("programId", s.programId())
				.with(as(s.director(), "director")))
			.andExpect(status().isOk()));
		assertThat(report.get("sessions").asInt()).isEqualTo(2);
		assertThat(report.get("signed").asInt()).isEqualTo(1);
		assertThat(report.get("overdue").asInt()).isEqualTo(1);
		JsonNode overdue = report.get("notes").get(0);
		assertThat(overdue.get("sessionId").asString()).isEqualTo(oldSession);
		assertThat(overdue.get("overdue").asBoolean()).isTrue();
		assertThat(overdue.get("hoursOpen").asDouble()).isGreaterThan(72);
		JsonNode signed = report.get("notes").get(1);
		assertThat(signed.get("signed").asBoolean()).isTrue();
		assertThat(signed.get("hoursToSign").asDouble()).isLessThan(72);
		assertThat(report.toString()).doesNotContain("members", "group\":{", "progress");

		this.mvc.perform(get("/api/notes/documentation-status").with(as(s.therapist(), "therapist")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/notes/" + s.noteId()).with(as(s.director(), "director")))
			.andExpect(status().isForbidden());
	}

}
