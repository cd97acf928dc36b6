package org.therapygroups.notes.crypto;

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

/** A ciphertext that does not decrypt is reported by note and field, never by content. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CryptoProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(CryptoProblemHandler.class);

	@ExceptionHandler(ContentUnreadableException.class)
	ResponseEntity<ProblemDetail> unreadable(ContentUnreadableException ex) {
		log.error("Note content does not decrypt: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"Stored note content cannot be decrypted."));
	}

}
