package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A note made in error was voided. It is kept, with its reason, in notes-service; the
 * reason is clinical and never leaves it.
 *
 * @param noteId the note
 * @param sessionId the session it documented
 * @param groupId the session's group
 * @param status {@code VOIDED}
 * @param actorId who voided it
 * @param occurredAt when
 */
@EventType(EventTypes.Notes.NOTE_VOIDED)
public record NoteVoided(String noteId, String sessionId, String groupId, String status, String actorId,
		Instant occurredAt) implements NoteEvent {

	public NoteVoided {
		NoteEvent.validate(noteId, sessionId, groupId, status, occurredAt);
		NoteEvent.requireText(actorId, "actorId");
	}

}
