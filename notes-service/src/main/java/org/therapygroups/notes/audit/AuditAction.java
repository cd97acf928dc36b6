package org.therapygroups.notes.audit;

/** What was done or attempted. */
public enum AuditAction {

	CREATE, READ, SAVE, SIGN, CO_SIGN, ADDENDUM, VOID, READ_PATTERNS, READ_AUDIT, VERIFY_AUDIT, ROTATE_KEYS,
	READ_DISCLOSURES

}
