package org.therapygroups.notes.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** No audit, no action: a request whose audit entry cannot be written is refused. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(AuditProblemHandler.class);

	@ExceptionHandler(AuditUnavailableException.class)
	ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException ex) {
		log.error("Refused a request because the audit trail cannot be written: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The audit trail cannot be written, so nothing was done. Try again later."));
	}

}
