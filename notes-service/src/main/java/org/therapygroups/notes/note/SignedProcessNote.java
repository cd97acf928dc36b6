package org.therapygroups.notes.note;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

import org.therapygroups.notes.template.NoteTemplate;

/**
 * A signed process note of one patient.
 *
 * @param noteId the note
 * @param sessionId its session
 * @param groupId its group
 * @param serviceDate when the session took place
 * @param template the template it was written with
 * @param process the decrypted process note
 */
public record SignedProcessNote(String noteId, String sessionId, String groupId, Instant serviceDate,
		NoteTemplate template, JsonNode process) {

}
