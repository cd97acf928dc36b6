package org.therapygroups.notes.audit;

import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;

/**
 * The audit trail could not be written, so the action it should record must not happen
 * (or, for a read, its content must not be returned).
 */
public class AuditUnavailableException extends ApiProblem {

	AuditUnavailableException(String message, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE,
				"The audit trail cannot be written, so nothing was done. Try again later.", message, cause);
	}

}
