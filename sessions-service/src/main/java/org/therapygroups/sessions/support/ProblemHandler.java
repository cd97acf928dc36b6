package org.therapygroups.sessions.support;

import java.util.Comparator;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns {@link ApiProblem}s and validation failures into problem+json with the field
 * errors a form can show ({@code errors: [{field, message}]}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> problem(ApiProblem ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		ex.properties().forEach(problem::setProperty);
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		List<ApiProblem.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new ApiProblem.FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(ApiProblem.FieldError::field))
			.toList();
		return problem(ApiProblem.badRequest(errors));
	}

	/**
	 * Still conflicting after {@link Retries} gave up: the caller may simply try again.
	 */
	@ExceptionHandler({ OptimisticLockingFailureException.class, DuplicateKeyException.class })
	ResponseEntity<ProblemDetail> concurrent(RuntimeException ex) {
		return problem(ApiProblem.conflict("The record was changed by someone else at the same time; try again."));
	}

}
