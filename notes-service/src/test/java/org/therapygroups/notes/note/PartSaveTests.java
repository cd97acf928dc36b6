package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;
import org.therapygroups.notes.audit.AuditTrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Autosaves part by part: the group part and each member's entry have their own version,
 * a save names its part's version and merges its patch into the stored part, so that
 * co-facilitators writing different parts at the same time keep all they wrote, and a
 * writer who meets a newer version of the same part sees both.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartSaveTests extends NotesServiceTestBase {

	@Autowired
	private NoteStore store;

	/** The lead's text, and the co-facilitator's: searched for in answers and logs. */
	private static final String THEIRS = "told-of-the-relapse-K4";

	private static final String MINE = "spoke-of-the-funeral-R8";

	@Test
	void coFacilitatorsSavingDifferentMembersEntriesFromTheSameReadKeepBoth() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		// both open the draft at the same time
		JsonNode read = read(s);
		assertThat(read.get("version").asLong()).isOne();
		assertThat(read.get("groupVersion").asLong()).isZero();
		// every attending member is listed for writing, C (a no-show) is not
		assertThat(read.get("members").values()).extracting((m) -> m.get("patientId").asString())
			.containsExactly(s.patientA(), s.patientB());
		long a = member(read, s.patientA()).get("version").asLong();
		long b = member(read, s.patientB()).get("version").asLong();
		assertThat(a).isZero();
		assertThat(b).isZero();

		JsonNode first = body(saveMember(s, s.therapist(), s.patientA(),
				NoteFixtures.save(a, NoteFixtures.psychodynamicEntry("abandonment")))
			.andExpect(status().isOk()));
		JsonNode second = body(saveMember(s, s.coFacilitator(), s.patientB(),
				NoteFixtures.save(b, NoteFixtures.psychodynamicEntry("anger")))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"3\"")));
		assertThat(first.get("partVersion").asLong()).isOne();
		assertThat(second.get("partVersion").asLong()).isOne();
		assertThat(first.get("version").asLong()).isEqualTo(2);
		assertThat(second.get("version").asLong()).isEqualTo(3);
		assertThat(second.get("status").asString()).isEqualTo("DRAFT");

		JsonNode after = read(s);
		assertThat(after.get("version").asLong()).isEqualTo(3);
		JsonNode entryA = member(after, s.patientA());
		JsonNode entryB = member(after, s.patientB());
		assertThat(entryA.get("version").asLong()).isOne();
		assertThat(entryA.get("updatedBy").asString()).isEqualTo(s.therapist());
		assertThat(entryA.get("process").get("freeAssociationThemes").get(0).get("tags").get(0).asString())
			.isEqualTo("abandonment");
		assertThat(entryB.get("version").asLong()).isOne();
		assertThat(entryB.get("updatedBy").asString()).isEqualTo(s.coFacilitator());
		assertThat(entryB.get("process").get("freeAssociationThemes").get(0).get("tags").get(0).asString())
			.isEqualTo("anger");
		// signing names the note's version
		this.mvc.perform(withJson(post(note(s) + "/sign"), Map.of("version", 3)).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
	}

	@Test
	void theGroupPartAndAMembersEntrySavedFromTheSameReadAreBothKept() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		JsonNode read = read(s);
		long group = read.get("groupVersion").asLong();
		long a = member(read, s.patientA()).get("version").asLong();

		JsonNode groupSaved = body(this.mvc
			.perform(withJson(put(note(s) + "/group"), Map.of("version", group, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
		saveMember(s, s.coFacilitator(), s.patientA(), NoteFixtures.save(a, NoteFixtures.psychodynamicEntry()))
			.andExpect(status().isOk());
		assertThat(groupSaved.get("partVersion").asLong()).isOne();

		JsonNode after = read(s);
		assertThat(after.get("groupVersion").asLong()).isOne();
		assertThat(after.get("group").get("topic").asString()).contains(NoteFixtures.SECRET);
		assertThat(member(after, s.patientA()).get("version").asLong()).isOne();
		assertThat(member(after, s.patientA()).get("progress").get("plan").asString()).isEqualTo("Keep the diary");

		// a stale save of the group part shows the group part as stored now
		JsonNode problem = body(this.mvc
			.perform(withJson(put(note(s) + "/group"),
					Map.of("version", group, "group", Map.of("topic", "Anger " + MINE, "plan", "Continue")))
				.with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json")));
		assertThat(problem.get("current").get("version").asLong()).isOne();
		assertThat(problem.get("current").get("group").get("topic").asString()).contains(NoteFixtures.SECRET);
		assertThat(problem.get("current").get("updatedBy").asString()).isEqualTo(s.therapist());
		assertThat(problem.get("current").get("updatedAt").asString()).isNotBlank();
		assertThat(problem.get("yours").get("version").asLong()).isZero();
		assertThat(problem.get("yours").get("group").get("topic").asString()).contains(MINE);
		// the plan is the same in both: only the topic conflicts
		assertThat(strings(problem.get("conflictingFields"))).containsExactly("group.topic");
		assertThat(read(s).get("group").get("topic").asString()).contains(NoteFixtures.SECRET);
	}

	@Test
	void aSaveChangesOnlyWhatItNames() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		Map<String, Object> written = NoteFixtures.psychodynamicEntry();
		saveMember(s, s.therapist(), s.patientA(), NoteFixtures.save(0, written)).andExpect(status().isOk());
		JsonNode progress = entry(s, s.patientA()).get("progress");

		// the process note only: the progress entry stays as it was
		saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 1, "process", Map.of("transference", "Idealises the co-facilitator")))
			.andExpect(status().isOk());
		JsonNode entry = entry(s, s.patientA());
		assertThat(entry.get("version").asLong()).isEqualTo(2);
		assertThat(entry.get("progress")).isEqualTo(progress);
		assertThat(entry.get("process").get("transference").asString()).isEqualTo("Idealises the co-facilitator");
		assertThat(entry.get("process").get("dreams").asString()).isEqualTo("A locked house");
		assertThat(entry.get("process").get("defenses")).hasSize(2);

		// one field of the progress entry: the others stay
		saveMember(s, s.coFacilitator(), s.patientA(),
				Map.of("version", 2, "progress", Map.of("plan", "Call the sponsor")))
			.andExpect(status().isOk());
		entry = entry(s, s.patientA());
		assertThat(entry.get("progress").get("plan").asString()).isEqualTo("Call the sponsor");
		assertThat(entry.get("progress").get("response").asString()).contains("weekend", NoteFixtures.SECRET);
		assertThat(entry.get("progress").get("riskFlags")).hasSize(1);
		assertThat(entry.get("updatedBy").asString()).isEqualTo(s.coFacilitator());

		// null removes a field; a list is replaced whole
		Map<String, Object> removed = new LinkedHashMap<>();
		removed.put("progressTowardGoals", null);
		saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 3, "progress", removed, "process",
						Map.of("defenses", List.of(Map.of("kind", "DENIAL", "observation", "It was nothing")))))
			.andExpect(status().isOk());
		entry = entry(s, s.patientA());
		assertThat(entry.get("progress").has("progressTowardGoals")).isFalse();
		assertThat(entry.get("progress").get("participation").asString()).isEqualTo("ENGAGED");
		assertThat(entry.get("process").get("defenses")).hasSize(1);
		assertThat(entry.get("process").get("defenses").get(0).get("kind").asString()).isEqualTo("DENIAL");
		assertThat(entry.get("process").get("resistance")).hasSize(1);

		// a whole part set to null is removed, the other stays
		Map<String, Object> noProcess = new LinkedHashMap<>();
		noProcess.put("version", 4);
		noProcess.put("process", null);
		saveMember(s, s.therapist(), s.patientA(), noProcess).andExpect(status().isOk());
		entry = entry(s, s.patientA());
		assertThat(entry.get("version").asLong()).isEqualTo(5);
		assertThat(entry.has("process")).isFalse();
		assertThat(entry.get("progress").get("plan").asString()).isEqualTo("Call the sponsor");
		Document stored = noteOf(s.sessionId()).get("members", Document.class).get(s.patientA(), Document.class);
		assertThat(stored.containsKey("process")).isFalse();
		assertThat(stored.get("version", Number.class).longValue()).isEqualTo(5);
	}

	@Test
	void aStaleSaveOfTheSameEntryAnswersBothVersionsChangesNothingAndLogsNoContent(CapturedOutput output)
			throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		saveMember(s, s.therapist(), s.patientA(), NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
			.andExpect(status().isOk());
		// both read version 1 of A's entry; the lead saves first
		saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 1, "progress", Map.of("response", "Told the group " + THEIRS)))
			.andExpect(status().isOk());
		Document before = noteOf(s.sessionId());

		// the framework writing answers and resolving exceptions at its most talkative
		List<String> talkative = List.of(
				"org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor",
				"org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver",
				"org.therapygroups.platform.problem");
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		talkative.forEach((logger) -> logging.setLogLevel(logger, LogLevel.TRACE));
		JsonNode problem;
		try {
			// the co-facilitator's patch: a new response, and a plan and a dream as
			// stored
			problem = body(saveMember(s, s.coFacilitator(), s.patientA(),
					Map.of("version", 1, "progress", Map.of("response", "Spoke " + MINE, "plan", "Keep the diary"),
							"process", Map.of("dreams", "A locked house")))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json")));
		}
		finally {
			talkative.forEach((logger) -> logging.setLogLevel(logger, null));
		}

		JsonNode current = problem.get("current");
		assertThat(current.get("version").asLong()).isEqualTo(2);
		assertThat(current.get("progress").get("response").asString()).contains(THEIRS);
		assertThat(current.get("progress").get("plan").asString()).isEqualTo("Keep the diary");
		assertThat(current.get("process").get("dreams").asString()).isEqualTo("A locked house");
		assertThat(current.get("updatedBy").asString()).isEqualTo(s.therapist());
		assertThat(current.get("updatedAt").asString()).isNotBlank();
		JsonNode yours = problem.get("yours");
		assertThat(yours.get("version").asLong()).isOne();
		assertThat(yours.get("progress").get("response").asString()).contains(MINE);
		assertThat(yours.get("process").get("dreams").asString()).isEqualTo("A locked house");
		assertThat(strings(problem.get("conflictingFields"))).containsExactly("progress.response");
		assertThat(problem.get("detail").asString()).contains("version 2").doesNotContain(THEIRS, MINE);

		// nothing changed
		Document after = noteOf(s.sessionId());
		assertThat(after.get("version")).isEqualTo(before.get("version"));
		assertThat(after.get("members")).isEqualTo(before.get("members"));
		// the failed save is audited, and so is the read of what the answer showed
		List<Document> audited = this.mongo.getCollection(AuditTrail.COLLECTION)
			.find(new Document("noteId", s.noteId()).append("userId", s.coFacilitator()))
			.sort(new Document("_id", 1))
			.into(new ArrayList<>());
		assertThat(audited).extracting((e) -> e.getString("action") + ":" + e.getString("outcome"))
			.containsExactly("SAVE:FAILED", "READ:SUCCESS");
		assertThat(audited.get(1).getList("patientIds", String.class)).containsExactly(s.patientA());
		// no clinical text in any log line
		assertThat(output.getAll()).contains("HttpEntityMethodProcessor")
			.doesNotContain(THEIRS, MINE, NoteFixtures.SECRET, "locked house");

		// naming the version now stored, the co-facilitator's save goes through
		saveMember(s, s.coFacilitator(), s.patientA(),
				Map.of("version", 2, "progress", Map.of("response", "Spoke " + MINE)))
			.andExpect(status().isOk());
		assertThat(entry(s, s.patientA()).get("progress").get("response").asString()).contains(MINE);
	}

	@Test
	void theMergedEntryIsValidatedAndAnInvalidOneIsNotStored() throws Exception {
		Scenario s = givenCompletedSession("CBT", false);
		saveMember(s, s.therapist(), s.patientA(),
				NoteFixtures.save(0, Map.of("process", Map.of("agendaItems", List.of("Argued with Okafor")))))
			.andExpect(status().isOk());
		saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 1, "progress", NoteFixtures.cbtEntry(70, "LABELLING").get("progress")))
			.andExpect(status().isOk());
		Document before = noteOf(s.sessionId());

		JsonNode invalid = body(saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 2, "progress", Map.of("participation", "ASLEEP"), "process",
						Map.of("thoughtRecords",
								List.of(Map.of("situation", "Alone " + MINE, "automaticThought", "Nobody cares",
										"intensity", 140)))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json")));
		assertThat(strings(invalid.get("errors").findValues("field")))
			.containsExactlyInAnyOrder("progress.participation", "process.thoughtRecords[0].intensity");
		assertThat(invalid.toString()).doesNotContain(MINE, "ASLEEP");

		// the directory learns who B is: A's stored process note names them, so the entry
		// as a whole is refused, whichever part a save changes
		this.mongo.insert(new Document("_id", s.patientB()).append("role", "patient")
			.append("displayName", "Will Okafor")
			.append("active", true), "directory_users");
		JsonNode naming = body(saveMember(s, s.therapist(), s.patientA(),
				Map.of("version", 2, "progress", Map.of("plan", "Call on Thursday")))
			.andExpect(status().isBadRequest()));
		assertThat(strings(naming.get("errors").findValues("field"))).containsExactly("members[" + s.patientA() + "]");
		assertThat(naming.toString()).doesNotContain("Okafor");

		Document after = noteOf(s.sessionId());
		assertThat(after.get("version")).isEqualTo(before.get("version"));
		assertThat(after.get("members")).isEqualTo(before.get("members"));
	}

	@Test
	void aSaveAfterSigningIsLockedAndShowsNoContent() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		saveMember(s, s.therapist(), s.patientA(), NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
			.andExpect(status().isOk());
		this.mvc.perform(withJson(post(note(s) + "/sign"), Map.of("version", 2)).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		// whether the save names the entry's version or an older one
		for (long version : new long[] { 1, 0 }) {
			JsonNode locked = body(saveMember(s, s.coFacilitator(), s.patientA(),
					Map.of("version", version, "progress", Map.of("plan", "Later " + MINE)))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json")));
			assertThat(locked.get("detail").asString()).contains("locked");
			assertThat(locked.has("current")).isFalse();
			assertThat(locked.has("yours")).isFalse();
			assertThat(locked.toString()).doesNotContain(NoteFixtures.SECRET, MINE, "Keep the diary");
		}
		JsonNode group = body(this.mvc
			.perform(withJson(put(note(s) + "/group"), Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isConflict()));
		assertThat(group.has("current")).isFalse();
	}

	@Test
	void nobodyButAWriterIsShownTheStoredEntry() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", true);
		saveMember(s, s.therapist(), s.patientA(), NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
			.andExpect(status().isOk());
		Map<String, Object> stale = Map.of("version", 0, "progress", Map.of("plan", "Later " + MINE));
		String outsider = body(saveMember(s, s.outsider(), s.patientA(), stale).andExpect(status().isNotFound()))
			.toString();
		String supervisor = body(saveMember(s, s.supervisor(), s.patientA(), stale).andExpect(status().isForbidden()))
			.toString();
		String patient = body(this.mvc
			.perform(withJson(put(note(s) + "/members/" + s.patientA()), stale).with(as(s.patientA(), "patient")))
			.andExpect(status().isForbidden())).toString();
		for (String answer : List.of(outsider, supervisor, patient)) {
			assertThat(answer).doesNotContain("current", "yours", NoteFixtures.SECRET, "Keep the diary", MINE);
		}
		assertThat(entry(s, s.patientA()).get("version").asLong()).isOne();
	}

	@Test
	void aMembersEntryIsReadWithEverythingButTheOtherContent() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		this.mvc
			.perform(withJson(put(note(s) + "/group"), Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		for (String patient : List.of(s.patientA(), s.patientB())) {
			this.mvc
				.perform(withJson(put(note(s) + "/members/" + patient),
						NoteFixtures.save(0, NoteFixtures.psychodynamicEntry("shame")))
					.with(as(s.therapist(), "therapist")))
				.andExpect(status().isOk());
		}
		SessionNote whole = this.store.load(s.noteId());
		SessionNote one = this.store.loadMember(s.noteId(), s.patientA());
		assertThat(whole.members()).containsOnlyKeys(s.patientA(), s.patientB());
		assertThat(whole.group()).isNotNull();
		assertThat(one.members()).containsOnlyKeys(s.patientA());
		assertThat(one.group()).isNull();
		assertThat(one).usingRecursiveComparison().ignoringFields("members", "group").isEqualTo(whole);
		assertThat(one.members().get(s.patientA())).usingRecursiveComparison()
			.isEqualTo(whole.members().get(s.patientA()));
	}

	private static String note(Scenario s) {
		return "/api/notes/" + s.noteId();
	}

	private ResultActions saveMember(Scenario s, String writer, String patientId, Map<String, Object> body)
			throws Exception {
		return this.mvc.perform(withJson(put(note(s) + "/members/" + patientId), body).with(as(writer, "therapist")));
	}

	private JsonNode read(Scenario s) throws Exception {
		return body(this.mvc.perform(get(note(s)).with(as(s.therapist(), "therapist"))).andExpect(status().isOk()));
	}

	private JsonNode entry(Scenario s, String patientId) throws Exception {
		return body(this.mvc.perform(get(note(s) + "/members/" + patientId).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
	}

	private static JsonNode member(JsonNode note, String patientId) {
		return note.get("members")
			.values()
			.stream()
			.filter((m) -> patientId.equals(m.get("patientId").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(patientId + " is not listed"));
	}

	private static List<String> strings(JsonNode array) {
		return array.values().stream().map(JsonNode::asString).toList();
	}

	private static List<String> strings(List<JsonNode> nodes) {
		return nodes.stream().map(JsonNode::asString).toList();
	}

}
