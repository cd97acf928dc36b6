package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * The group's supervisor co-signed a note written by another facilitator.
 *
 * @param noteId the note
 * @param sessionId the session it documents
 * @param groupId the session's group
 * @param status {@code CO_SIGNED}
 * @param coSignerId the supervisor
 * @param occurredAt when it was co-signed
 */
@EventType(EventTypes.Notes.NOTE_CO_SIGNED)
public record NoteCoSigned(String noteId, String sessionId, String groupId, String status, String coSignerId,
		Instant occurredAt) implements NoteEvent {

	public NoteCoSigned {
		NoteEvent.validate(noteId, sessionId, groupId, status, occurredAt);
		NoteEvent.requireText(coSignerId, "coSignerId");
	}

}
