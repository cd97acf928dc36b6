package org.therapygroups.notes.audit;

/**
 * The audit trail could not be written, so the action it should record must not happen
 * (or, for a read, its content must not be returned).
 */
public class AuditUnavailableException extends RuntimeException {

	AuditUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
