package org.therapygroups.events.notes;

import java.time.Instant;

import org.therapygroups.events.EventPayload;

/**
 * What every note event shares. Subject: the note id; partition key: the group id.
 */
public interface NoteEvent extends EventPayload {

	/** Status of a session note that is being written. */
	String DRAFT = "DRAFT";

	/** Signed; locked. May still await a co-signature. */
	String SIGNED = "SIGNED";

	/** Signed and co-signed by the group's supervisor. */
	String CO_SIGNED = "CO_SIGNED";

	/** Made in error; kept with a reason, never deleted. */
	String VOIDED = "VOIDED";

	/**
	 * The note.
	 * @return the note id
	 */
	String noteId();

	/**
	 * The session the note documents.
	 * @return the session id
	 */
	String sessionId();

	/**
	 * The session's group.
	 * @return the group id
	 */
	String groupId();

	/**
	 * The note's status after the change: {@link #DRAFT}, {@link #SIGNED},
	 * {@link #CO_SIGNED} or {@link #VOIDED}.
	 * @return the status
	 */
	String status();

	/**
	 * When it happened.
	 * @return the time of the change
	 */
	Instant occurredAt();

	@Override
	default String aggregateId() {
		return noteId();
	}

	@Override
	default String partitionKey() {
		return groupId();
	}

	/**
	 * Checks the fields every note event must have.
	 * @param noteId the note
	 * @param sessionId the session
	 * @param groupId the group
	 * @param status the status
	 * @param occurredAt the time
	 */
	static void validate(String noteId, String sessionId, String groupId, String status, Instant occurredAt) {
		requireText(noteId, "noteId");
		requireText(sessionId, "sessionId");
		requireText(groupId, "groupId");
		requireText(status, "status");
		if (!DRAFT.equals(status) && !SIGNED.equals(status) && !CO_SIGNED.equals(status) && !VOIDED.equals(status)) {
			throw new IllegalArgumentException("status must be DRAFT, SIGNED, CO_SIGNED or VOIDED");
		}
		if (occurredAt == null) {
			throw new IllegalArgumentException("occurredAt must not be null");
		}
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
