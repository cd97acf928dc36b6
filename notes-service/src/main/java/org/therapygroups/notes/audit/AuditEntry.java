package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.List;

import org.bson.Document;

/**
 * One entry of the audit trail as directors see it.
 *
 * @param seq its place in the chain
 * @param time when (UTC)
 * @param userId who
 * @param role in which role
 * @param patientIds whose information
 * @param noteId which note, or {@code null}
 * @param action what
 * @param outcome how it ended
 * @param prevHash the previous entry's hash
 * @param hash this entry's hash
 */
public record AuditEntry(long seq, Instant time, String userId, String role, List<String> patientIds, String noteId,
		String action, String outcome, String prevHash, String hash) {

	static AuditEntry of(Document document) {
		return new AuditEntry(document.get("_id", Number.class).longValue(),
				(document.getDate("time") != null) ? document.getDate("time").toInstant() : null,
				document.getString("userId"), document.getString("role"),
				document.getList("patientIds", String.class, List.of()), document.getString("noteId"),
				document.getString("action"), document.getString("outcome"), document.getString("prevHash"),
				document.getString("hash"));
	}

}
