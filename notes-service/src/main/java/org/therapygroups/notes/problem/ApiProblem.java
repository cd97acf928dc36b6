package org.therapygroups.notes.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

import org.therapygroups.notes.problem.FieldError;

/**
 * A request that cannot be served, answered as {@code application/problem+json}. The
 * detail is written for the caller and never contains submitted or stored clinical text.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final List<FieldError> errors;

	public ApiProblem(HttpStatus status, String detail) {
		this(status, detail, List.of());
	}

	public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/** 404 for someone who may not learn that the thing exists. */
	public static ApiProblem notFound() {
		return new ApiProblem(HttpStatus.NOT_FOUND, "No such note or entry.");
	}

	/** 403 when the caller's role never allows the request. */
	public static ApiProblem forbidden() {
		return new ApiProblem(HttpStatus.FORBIDDEN, "Your role does not allow this request.");
	}

	public static ApiProblem invalid(List<FieldError> errors) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors);
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, detail);
	}

	/** Whether the problem is a refusal by an access rule, for the audit outcome. */
	public boolean isDenial() {
		return this.status == HttpStatus.FORBIDDEN || this.status == HttpStatus.NOT_FOUND;
	}

}
