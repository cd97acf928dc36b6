package org.therapygroups.auth.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Keycloak being down or refusing the service account is the platform's problem, not the
 * caller's: 503 with a hint when to retry, and nothing recorded as done.
 */
@RestControllerAdvice
class KeycloakUnavailableHandler {

	private static final Logger log = LoggerFactory.getLogger(KeycloakUnavailableHandler.class);

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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

}
