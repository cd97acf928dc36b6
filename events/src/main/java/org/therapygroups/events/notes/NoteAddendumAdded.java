package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A signed addendum was linked to a signed note; the original stays as it was.
 *
 * @param noteId the original note
 * @param addendumId the new addendum
 * @param sessionId the session the note documents
 * @param groupId the session's group
 * @param status the original note's status (unchanged by the addendum)
 * @param authorId who wrote and signed the addendum
 * @param serviceDate when the documented session took place
 * @param occurredAt when the addendum was written
 */
@EventType(EventTypes.Notes.NOTE_ADDENDUM_ADDED)
public record NoteAddendumAdded(String noteId, String addendumId, String sessionId, String groupId, String status,
		String authorId, Instant serviceDate, Instant occurredAt) implements NoteEvent {

	public NoteAddendumAdded {
		NoteEvent.validate(noteId, sessionId, groupId, status, occurredAt);
		NoteEvent.requireText(addendumId, "addendumId");
		NoteEvent.requireText(authorId, "authorId");
	}

}
