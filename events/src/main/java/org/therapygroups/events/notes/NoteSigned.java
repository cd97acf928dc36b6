package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A note was signed: its content is locked.
 *
 * @param noteId the note
 * @param sessionId the session it documents
 * @param groupId the session's group
 * @param status {@code SIGNED}
 * @param signerId who signed
 * @param coSignRequired whether the group's supervisor still has to co-sign
 * @param sessionEndsAt when the session ended
 * @param occurredAt when it was signed
 */
@EventType(EventTypes.Notes.NOTE_SIGNED)
public record NoteSigned(String noteId, String sessionId, String groupId, String status, String signerId,
		boolean coSignRequired, Instant sessionEndsAt, Instant occurredAt) implements NoteEvent {

	public NoteSigned {
		NoteEvent.validate(noteId, sessionId, groupId, status, occurredAt);
		NoteEvent.requireText(signerId, "signerId");
	}

}
