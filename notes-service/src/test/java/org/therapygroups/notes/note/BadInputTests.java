package org.therapygroups.notes.note;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bad input is refused with 400 and field errors that name the field, never the value,
 * and nothing is half-stored: the note's version and content stay as they were.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputTests extends NotesServiceTestBase {

	private Scenario cbt;

	private Scenario psychodynamic;

	@BeforeAll
	void notes() throws Exception {
		this.cbt = givenCompletedSession("CBT", false);
		this.psychodynamic = givenCompletedSession("PSYCHODYNAMIC", false);
	}

	@Test
	void anIntensityOutsideZeroToHundredAndADistortionNotOnTheListAreFieldErrors() throws Exception {
		Map<String, Object> entry = NoteFixtures.cbtEntry(140, "CATASTROPHISING", "BAD_LUCK");
		JsonNode problem = rejected(this.cbt, this.cbt.patientA(), NoteFixtures.save(0, entry));
		assertThat(fields(problem)).containsExactlyInAnyOrder("process.thoughtRecords[0].distortions[1]",
				"process.thoughtRecords[0].intensity");
		// the instance path holds random ids, whose hex digits may spell 140
		ObjectNode echo = (ObjectNode) problem.deepCopy();
		echo.remove("instance");
		assertThat(echo.toString()).doesNotContain("BAD_LUCK", "140", NoteFixtures.SECRET);
		assertUntouched(this.cbt);
	}

	@Test
	void anUnknownTemplateFieldIsAFieldError() throws Exception {
		Map<String, Object> entry = new LinkedHashMap<>(NoteFixtures.psychodynamicEntry());
		// a CBT field in a psychodynamic note, and a field no template has
		Map<String, Object> process = new LinkedHashMap<>((Map<String, Object>) entry.get("process"));
		process.put("thoughtRecords", List.of());
		process.put("diagnosis", "secret text " + NoteFixtures.SECRET);
		entry.put("process", process);
		JsonNode problem = rejected(this.psychodynamic, this.psychodynamic.patientA(), NoteFixtures.save(0, entry));
		assertThat(fields(problem)).containsExactly("process.thoughtRecords", "process.diagnosis");
		assertThat(problem.toString()).doesNotContain(NoteFixtures.SECRET);
		assertUntouched(this.psychodynamic);
	}

	@Test
	void aMemberNotInTheSessionOrAbsentIsAFieldError() throws Exception {
		JsonNode stranger = rejected(this.cbt, id(), NoteFixtures.save(0, NoteFixtures.cbtEntry(50)));
		assertThat(fields(stranger)).containsExactly("patientId");
		// C was a no-show: no entry for them
		JsonNode absent = rejected(this.cbt, this.cbt.patientC(), NoteFixtures.save(0, NoteFixtures.cbtEntry(50)));
		assertThat(fields(absent)).containsExactly("patientId");
		assertUntouched(this.cbt);
	}

	@Test
	void oneMembersEntryMayNotNameAnother() throws Exception {
		Map<String, Object> entry = new LinkedHashMap<>(NoteFixtures.cbtEntry(50));
		Map<String, Object> progress = new LinkedHashMap<>((Map<String, Object>) entry.get("progress"));
		progress.put("response", "Argued with " + this.cbt.patientB());
		entry.put("progress", progress);
		JsonNode problem = rejected(this.cbt, this.cbt.patientA(), NoteFixtures.save(0, entry));
		assertThat(fields(problem)).containsExactly("members[" + this.cbt.patientA() + "]");
		assertThat(problem.toString()).doesNotContain("Argued");
		assertUntouched(this.cbt);
	}

	@Test
	void anotherMembersNameIsRefusedWrittenAsANameButNotAsAnOrdinaryWord() throws Exception {
		Scenario s = givenCompletedSession("CBT", false);
		this.mongo.insert(new Document("_id", s.patientB()).append("role", "patient")
			.append("displayName", "Will Okafor")
			.append("active", true), "directory_users");
		for (String text : List.of("Argued with will okafor", "Will said he felt judged", "Sat next to Okafor",
				"Talked over WILL")) {
			JsonNode problem = rejected(s, s.patientA(), NoteFixtures.save(0, withResponse(text)));
			assertThat(fields(problem)).as(text).containsExactly("members[" + s.patientA() + "]");
			assertThat(problem.toString()).doesNotContain("Okafor", "Will");
		}
		this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/members/" + s.patientA()),
					NoteFixtures.save(0, withResponse("Said he will come back next week, with hope")))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
	}

	@Test
	void anotherMembersNameIsRefusedInAnyCaseOfItsOwnAlphabetAndTheirIdInAnyCase() throws Exception {
		Scenario s = givenCompletedSession("CBT", false);
		this.mongo.insert(new Document("_id", s.patientB()).append("role", "patient")
			.append("displayName", "Zoë Ångström")
			.append("active", true), "directory_users");
		for (String text : List.of("Argued with ZOË ÅNGSTRÖM", "zoë ångström was late", "Sat next to Ångström",
				"Spoke after " + s.patientB().toUpperCase(java.util.Locale.ROOT))) {
			JsonNode problem = rejected(s, s.patientA(), NoteFixtures.save(0, withResponse(text)));
			assertThat(fields(problem)).as(text).containsExactly("members[" + s.patientA() + "]");
		}
	}

	private static Map<String, Object> withResponse(String text) {
		Map<String, Object> entry = new LinkedHashMap<>(NoteFixtures.cbtEntry(50));
		Map<String, Object> progress = new LinkedHashMap<>((Map<String, Object>) entry.get("progress"));
		progress.put("response", text);
		entry.put("progress", progress);
		return entry;
	}

	@Test
	void aMissingVersionOrUnreadableBodyIsRefusedWithoutEcho(CapturedOutput output) throws Exception {
		JsonNode noVersion = body(this.mvc
			.perform(withJson(put("/api/notes/" + this.cbt.noteId() + "/group"), Map.of("group", Map.of()))
				.with(as(this.cbt.therapist(), "therapist")))
			.andExpect(status().isBadRequest()));
		assertThat(fields(noVersion)).containsExactly("version");
		String body = body(this.mvc
			.perform(put("/api/notes/" + this.cbt.noteId() + "/group").contentType("application/json")
				.content("{\"version\": 1, \"group\": {\"topic\": \"" + NoteFixtures.SECRET)
				.with(as(this.cbt.therapist(), "therapist")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))).toString();
		assertThat(body).doesNotContain(NoteFixtures.SECRET);
		this.mvc
			.perform(withJson(post("/api/notes/" + this.cbt.noteId() + "/addenda"), Map.of("text", " "))
				.with(as(this.cbt.therapist(), "therapist")))
			.andExpect(status().isBadRequest());
		assertUntouched(this.cbt);
		assertThat(output.getAll()).doesNotContain(NoteFixtures.SECRET);
	}

	private JsonNode rejected(Scenario s, String patientId, Map<String, Object> body) throws Exception {
		return body(this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/members/" + patientId), body)
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json")));
	}

	private static List<String> fields(JsonNode problem) {
		return problem.get("errors").values().stream().map((error) -> error.get("field").asString()).toList();
	}

	private void assertUntouched(Scenario s) {
		Document note = noteOf(s.sessionId());
		assertThat(note.get("version", Number.class).longValue()).isEqualTo(1L);
		assertThat(note.get("members", Document.class)).isEmpty();
		assertThat(note.get("group")).isNull();
	}

}
