package org.therapygroups.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json} by
 * {@link ProblemHandler}. The detail is written for the caller: it names fields and ids,
 * never submitted or stored values (an e-mail address, a code, clinical text).
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final List<FieldError> errors;

	private final Map<String, Object> properties;

	private final Integer retryAfterSeconds;

	private final String logReason;

	public ApiProblem(HttpStatus status, String detail) {
		this(status, detail, List.of());
	}

	public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
		this(status, detail, errors, Map.of(), null);
	}

	private ApiProblem(HttpStatus status, String detail, List<FieldError> errors, Map<String, Object> properties,
			Integer retryAfterSeconds) {
		super(detail, null, false, false);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.properties = Map.copyOf(properties);
		this.retryAfterSeconds = retryAfterSeconds;
		this.logReason = null;
	}

	/**
	 * A failure of the service itself (5xx), for a service's own exception types: the
	 * caller reads {@code detail}, the log gets {@code logReason} and the cause's type.
	 * @param status the status, 500 or above
	 * @param detail what the caller is told
	 * @param logReason what operators are told: ids and kinds, never personal or clinical
	 * text
	 * @param cause the underlying failure, or {@code null}
	 */
	protected ApiProblem(HttpStatus status, String detail, String logReason, Throwable cause) {
		super(detail, cause, false, true);
		this.status = status;
		this.errors = List.of();
		this.properties = Map.of();
		this.retryAfterSeconds = null;
		this.logReason = logReason;
	}

	public static ApiProblem badRequest(List<FieldError> errors) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors);
	}

	public static ApiProblem badRequest(String field, String message) {
		return badRequest(List.of(new FieldError(field, message)));
	}

	/**
	 * 404 for something that does not exist, or that the caller may not learn exists.
	 * @param what e.g. {@code "Group 42"}
	 * @return the problem
	 */
	public static ApiProblem notFound(String what) {
		return new ApiProblem(HttpStatus.NOT_FOUND, what + " does not exist.");
	}

	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, detail);
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, detail);
	}

	/**
	 * A conflict with extra members, e.g. the id of the session that is in the way.
	 * @param detail the explanation
	 * @param properties extra problem members
	 * @return the problem
	 */
	public static ApiProblem conflict(String detail, Map<String, Object> properties) {
		return new ApiProblem(HttpStatus.CONFLICT, detail, List.of(), new LinkedHashMap<>(properties), null);
	}

	/**
	 * A refusal the caller may retry later, answered with {@code Retry-After}.
	 * @param status e.g. 429 or 503
	 * @param detail the explanation
	 * @param retryAfterSeconds when to try again
	 * @return the problem
	 */
	public static ApiProblem retryLater(HttpStatus status, String detail, int retryAfterSeconds) {
		return new ApiProblem(status, detail, List.of(), Map.of(), retryAfterSeconds);
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	/**
	 * @return seconds for {@code Retry-After}, or {@code null}
	 */
	public Integer retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/**
	 * @return what the log says about a failure of the service itself, or {@code null}
	 */
	public String logReason() {
		return this.logReason;
	}

	/**
	 * Whether this is the refusal of an access rule (403, or 404 to hide existence), for
	 * an audit outcome.
	 * @return whether it is a denial
	 */
	public boolean isDenial() {
		return this.status == HttpStatus.FORBIDDEN || this.status == HttpStatus.NOT_FOUND;
	}

}
