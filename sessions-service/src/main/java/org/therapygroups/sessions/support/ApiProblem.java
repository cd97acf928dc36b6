package org.therapygroups.sessions.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as {@code application/problem+json}. Details
 * name fields and ids, never submitted values.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final List<FieldError> errors;

	private final Map<String, Object> properties;

	ApiProblem(HttpStatus status, String detail, List<FieldError> errors, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.properties = Map.copyOf(properties);
	}

	public static ApiProblem badRequest(List<FieldError> errors) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors, Map.of());
	}

	public static ApiProblem badRequest(String field, String message) {
		return badRequest(List.of(new FieldError(field, message)));
	}

	public static ApiProblem notFound(String what) {
		return new ApiProblem(HttpStatus.NOT_FOUND, what + " does not exist.", List.of(), Map.of());
	}

	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, detail, List.of(), Map.of());
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, detail, List.of(), Map.of());
	}

	/**
	 * A conflict with extra properties, e.g. the id of the session that is in the way.
	 * @param detail the explanation
	 * @param properties extra problem members
	 * @return the problem
	 */
	public static ApiProblem conflict(String detail, Map<String, Object> properties) {
		return new ApiProblem(HttpStatus.CONFLICT, detail, List.of(), new LinkedHashMap<>(properties));
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
	 * One invalid field.
	 *
	 * @param field the field's path in the request, e.g. {@code recurrence.rrule}
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {
	}

}
