package org.therapygroups.auth.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.ProblemHandler;

/**
 * The kit's problem handler, plus Keycloak: its being down or refusing the service
 * account is the platform's problem, not the caller's: 503 with a hint when to retry, and
 * nothing recorded as done.
 */
@RestControllerAdvice
class KeycloakProblems extends ProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(KeycloakProblems.class);

	private static final int RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler(ProcessingException.class)
	ResponseEntity<ProblemDetail> unreachable(ProcessingException ex) {
		log.warn("Keycloak unreachable: {}", ex.getClass().getSimpleName());
		return unavailable("The identity provider is unreachable. Try again shortly.");
	}

	@ExceptionHandler(WebApplicationException.class)
	ResponseEntity<ProblemDetail> refused(WebApplicationException ex) {
		log.warn("Keycloak answered {}", ex.getResponse().getStatus());
		return unavailable("The identity provider refused the request. Try again shortly.");
	}

	private ResponseEntity<ProblemDetail> unavailable(String detail) {
		return problem(ApiProblem.retryLater(HttpStatus.SERVICE_UNAVAILABLE, detail, RETRY_AFTER_SECONDS));
	}

}
