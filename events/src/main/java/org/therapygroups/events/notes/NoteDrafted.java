package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A draft note exists for a session: opened when the session completed, or by a
 * facilitator by hand.
 *
 * @param noteId the note
 * @param sessionId the session it documents
 * @param groupId the session's group
 * @param programId the group's program
 * @param status always {@code DRAFT}
 * @param actorId the facilitator who opened it, or {@code null} when it was opened
 * automatically on {@code session.completed}
 * @param sessionEndsAt when the session ended (the clock of the documentation deadline)
 * @param occurredAt when the draft was created
 */
@EventType(EventTypes.Notes.NOTE_DRAFTED)
public record NoteDrafted(String noteId, String sessionId, String groupId, String programId, String status,
		String actorId, Instant sessionEndsAt, Instant occurredAt) implements NoteEvent {

	public NoteDrafted {
		NoteEvent.validate(noteId, sessionId, groupId, status, occurredAt);
	}

}
