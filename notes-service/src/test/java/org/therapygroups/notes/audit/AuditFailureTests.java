package org.therapygroups.notes.audit;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * No audit, no content: a read whose audit entry cannot be written returns nothing; a
 * change whose record cannot be appended right away keeps it in the note and the relay
 * appends it later, so no change is ever without its record.
 */
class AuditFailureTests extends NotesServiceTestBase {

	@MockitoSpyBean
	private AuditTrail trail;

	@Test
	void aReadWhoseAuditEntryCannotBeWrittenReturnsNoContent() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/group"),
					Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		// the save's record in the chain and out of the note: stubbing a spy while the
		// background uses it is not safe
		await().atMost(TIMEOUT)
			.until(() -> noteOf(s.sessionId()).getList(AuditTrail.PENDING, Document.class).isEmpty());
		doThrow(new AuditUnavailableException("down", null)).when(this.trail)
			.record(argThat((record) -> s.therapist().equals(record.userId()) && "READ".equals(record.action())));

		String body = this.mvc.perform(get("/api/notes/" + s.noteId()).with(as(s.therapist(), "therapist")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain(NoteFixtures.SECRET, "Shame");
	}

	@Test
	void aChangeWhoseRecordCannotBeAppendedAtOnceIsAppendedByTheRelay() throws Exception {
		Scenario s = givenCompletedSession("PSYCHODYNAMIC", false);
		doThrow(new AuditUnavailableException("down", null)).doCallRealMethod()
			.when(this.trail)
			.flush(any(), any(), any());
		this.mvc
			.perform(withJson(put("/api/notes/" + s.noteId() + "/group"),
					Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection(AuditTrail.COLLECTION)
				.countDocuments(new Document("noteId", s.noteId()).append("action", "SAVE")) == 1);
		await().atMost(TIMEOUT)
			.until(() -> noteOf(s.sessionId()).getList(AuditTrail.PENDING, Document.class).isEmpty());
		assertThat(this.trail.verify().valid()).isTrue();
		doCallRealMethod().when(this.trail).flush(any(), any(), any());
	}

}
