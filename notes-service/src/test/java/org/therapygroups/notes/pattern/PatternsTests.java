package org.therapygroups.notes.pattern;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Patterns across sessions, from signed notes only, searchable through the blind index.
 */
class PatternsTests extends NotesServiceTestBase {

	@Test
	void themesDefensesAndPatternsAreCountedPerMonthWithTheirSessions() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		Instant octoberStart = Instant.parse("2026-10-06T17:00:00Z");
		String october = id();
		publish(s.completedAt(october, octoberStart));
		String octoberNote = awaitNote(october).getString("_id");
		String draftOnly = id();
		publish(s.completedAt(draftOnly, octoberStart.plus(7, ChronoUnit.DAYS)));
		String draftNote = awaitNote(draftOnly).getString("_id");

		fillAndSign(s, s.noteId(), s.patientA(), true, "Abandonment", "shame");
		fillAndSign(s, octoberNote, s.patientA(), true, "abandonment ");
		fillAndSign(s, draftNote, s.patientA(), false, "never-signed-theme");

		JsonNode patterns = body(this.mvc
			.perform(get("/api/notes/patients/" + s.patientA() + "/patterns").with(as(s.coFacilitator(), "therapist")))
			.andExpect(status().isOk()));
		assertThat(patterns.get("notes").asInt()).isEqualTo(2);
		JsonNode first = patterns.get("months").get(0);
		assertThat(first.get("month").asString()).isEqualTo("2026-10");
		assertThat(first.get("kinds").get("themes").get(0).get("value").asString()).isEqualTo("abandonment");
		assertThat(first.get("kinds").get("themes").get(0).get("sessions").get(0).asString()).isEqualTo(october);
		assertThat(first.get("kinds").get("defenses").toString()).contains("MINIMISATION", "RATIONALISATION");
		assertThat(first.get("kinds").get("resistance").get(0).get("value").asString()).isEqualTo("SILENCE");
		assertThat(first.get("kinds").get("patternDomains").get(0).get("value").asString()).isEqualTo("RELATIONSHIPS");
		assertThat(patterns.toString()).doesNotContain("never-signed-theme");

		// blind-index search: case and spacing do not matter
		JsonNode shame = body(this.mvc
			.perform(get("/api/notes/patients/" + s.patientA() + "/patterns").param("tag", " SHAME")
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
		assertThat(shame.get("sessions")).hasSize(1);
		assertThat(shame.get("sessions").get(0).asString()).isEqualTo(s.sessionId());
		JsonNode minimisation = body(this.mvc
			.perform(get("/api/notes/patients/" + s.patientA() + "/patterns").param("kind", "defense")
				.param("tag", "MINIMISATION")
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
		assertThat(minimisation.get("notes").asInt()).isEqualTo(2);

		// patient B has no signed entry; an outsider sees nothing
		this.mvc.perform(get("/api/notes/patients/" + s.patientA() + "/patterns").with(as(s.outsider(), "therapist")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/notes/patients/" + s.patientA() + "/patterns").with(as(s.patientA(), "patient")))
			.andExpect(status().isForbidden());
	}

	@Test
	void cbtDistortionsAreCounted() throws Exception {
		Scenario s = givenCompletedSession("CBT", false);
		this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/members/" + s.patientB()),
					NoteFixtures.save(0, NoteFixtures.cbtEntry(90, "CATASTROPHISING", "LABELLING")))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc
			.perform(withJson(post("/api/notes/" + s.noteId() + "/sign"), Map.of("version", 2))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		JsonNode patterns = body(this.mvc
			.perform(get("/api/notes/patients/" + s.patientB() + "/patterns").with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk()));
		assertThat(patterns.get("months").get(0).get("kinds").get("distortions").toString()).contains("CATASTROPHISING",
				"LABELLING");
	}

	private void fillAndSign(Scenario s, String noteId, String patientId, boolean sign, String... themes)
			throws Exception {
		this.mvc
			.perform(withJson(put("/api/notes/" + noteId + "/members/" + patientId),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry(themes)))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		if (sign) {
			this.mvc
				.perform(withJson(post("/api/notes/" + noteId + "/sign"), Map.of("version", 2))
					.with(as(s.therapist(), "therapist")))
				.andExpect(status().isOk());
		}
	}

}
