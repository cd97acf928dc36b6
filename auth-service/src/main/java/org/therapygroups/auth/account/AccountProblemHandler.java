package org.therapygroups.auth.account;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems of the account endpoints, and bean-validation failures with the field errors a
 * form can show ({@code errors: [{field, message}]}); rejected values are never echoed.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountProblemHandler {

	@ExceptionHandler(AccountProblem.class)
	ResponseEntity<ProblemDetail> problem(AccountProblem ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
		if (ex.retryAfterSeconds() != null) {
			response.header(HttpHeaders.RETRY_AFTER, ex.retryAfterSeconds().toString());
		}
		return response.body(problem);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		List<AccountProblem.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new AccountProblem.FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(java.util.Comparator.comparing(AccountProblem.FieldError::field))
			.toList();
		return problem(new AccountProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors, null));
	}

}
