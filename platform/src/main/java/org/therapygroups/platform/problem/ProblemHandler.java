package org.therapygroups.platform.problem;

import java.util.Comparator;
import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error a controller raises, as RFC 9457 problem JSON with the field errors a form
 * can show ({@code errors: [{field, pointer, message}]}). Nothing the caller sent and
 * nothing stored is echoed: parser messages can quote the body, so they are replaced by a
 * generic sentence. Whatever this does not handle falls to Boot's own problem-details
 * handler ({@code spring.mvc.problemdetails.enabled}). A service whose libraries throw
 * their own exceptions (e.g. an identity provider's client) extends this class: its bean
 * replaces the kit's, so there is still one handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

	/** When a caller should try again after the database was away. */
	static final int DATABASE_RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/**
	 * The answer to a problem; a service's subclass maps exceptions of libraries it uses
	 * to an {@link ApiProblem} and answers with this.
	 * @param ex the problem
	 * @return problem JSON with the problem's status, fields, members and
	 * {@code Retry-After}
	 */
	@ExceptionHandler(ApiProblem.class)
	protected ResponseEntity<ProblemDetail> problem(ApiProblem ex) {
		if (ex.logReason() != null) {
			log.error("{} answered {}: {} ({})", ex.getClass().getSimpleName(), ex.status().value(), ex.logReason(),
					(ex.getCause() != null) ? ex.getCause().getClass().getSimpleName() : "no cause");
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		ex.properties().forEach(problem::setProperty);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex.retryAfterSeconds() != null) {
			response.header(HttpHeaders.RETRY_AFTER, ex.retryAfterSeconds().toString());
		}
		return response.body(problem);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return problem(ApiProblem.badRequest(errors));
	}

	/**
	 * A body that is JSON but holds a value of the wrong type or format (a word for a
	 * number, a malformed date) names that field, so a form can show it; the parser's
	 * message is never used, as it quotes the value. Broken JSON has no field to name.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		String field = (mismatch != null) ? field(mismatch) : "";
		if (field.isEmpty()) {
			return problem(new ApiProblem(HttpStatus.BAD_REQUEST,
					"The request body is not valid JSON of the expected shape."));
		}
		return problem(ApiProblem.badRequest(field, mismatchMessage(mismatch)));
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** The path Jackson was reading, written as {@link FieldError#field()} is. */
	private static String field(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String mismatchMessage(MismatchedInputException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "is not a field of this request";
		}
		if (ex instanceof InvalidNullException) {
			return "must not be null";
		}
		String original = ex.getOriginalMessage();
		if (original != null && original.contains(PlausibleTimes.OUT_OF_RANGE)) {
			return PlausibleTimes.OUT_OF_RANGE;
		}
		return "has the wrong format";
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex) {
		return problem(ApiProblem.badRequest(ex.getName(), "has the wrong format"));
	}

	/**
	 * Still conflicting after the service's own retries: the caller may simply try again.
	 */
	@ExceptionHandler({ OptimisticLockingFailureException.class, DuplicateKeyException.class })
	ResponseEntity<ProblemDetail> concurrent(RuntimeException ex) {
		return problem(ApiProblem.conflict("The record was changed by someone else at the same time; try again."));
	}

	/**
	 * The database being away is not the caller's fault: 503 with a hint when to try
	 * again, as soon as the driver gives up (see {@code MongoTimeouts}). Every write is
	 * one single-document operation, so a request refused here has stored nothing; the
	 * driver reconnects by itself once the database is back.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, MongoTimeoutException.class,
			MongoSocketException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
		return problem(ApiProblem.retryLater(HttpStatus.SERVICE_UNAVAILABLE,
				"The database is not reachable. Try again shortly.", DATABASE_RETRY_AFTER_SECONDS));
	}

}
