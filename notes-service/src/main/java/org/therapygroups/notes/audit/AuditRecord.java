package org.therapygroups.notes.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.therapygroups.platform.security.Actor;

/**
 * What one audit entry says, before it has its place in the chain. Ids, roles and codes
 * only: never clinical text.
 *
 * @param entryId unique id; appending the same record twice leaves one entry
 * @param time when the action happened (UTC, milliseconds)
 * @param userId who acted
 * @param role the role the access was decided for
 * @param patientIds whose health information the action touched (may be empty)
 * @param noteId the note, or {@code null}
 * @param action see {@link AuditAction}
 * @param outcome see {@link AuditOutcome}
 */
public record AuditRecord(String entryId, Instant time, String userId, String role, List<String> patientIds,
		String noteId, String action, String outcome) {

	public AuditRecord {
		patientIds = (patientIds != null) ? List.copyOf(patientIds) : List.of();
	}

	/**
	 * A new record happening now.
	 * @param actor who acted
	 * @param action what
	 * @param noteId on which note, or {@code null}
	 * @param patientIds whose information
	 * @param outcome how it ended
	 * @return the record
	 */
	public static AuditRecord of(Actor actor, AuditAction action, String noteId, List<String> patientIds,
			AuditOutcome outcome) {
		return new AuditRecord(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS), actor.id(),
				actor.auditRole(), patientIds, noteId, action.name(), outcome.name());
	}

}
