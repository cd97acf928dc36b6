package org.therapygroups.notes.audit;

/** How an audited action ended. */
public enum AuditOutcome {

	/** Done. */
	SUCCESS,

	/** Refused by an access rule (answered 403 or 404). */
	DENIED,

	/** Allowed but not done: invalid input, a stale version, a locked note. */
	FAILED

}
