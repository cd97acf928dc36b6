package org.therapygroups.auth.account;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be done as asked, answered as an RFC 9457 problem. The detail is
 * shown to the caller: never put an e-mail address, a password or a code in it.
 */
public class AccountProblem extends RuntimeException {

	private final HttpStatus status;

	private final List<FieldError> errors;

	private final Integer retryAfterSeconds;

	public AccountProblem(HttpStatus status, String detail) {
		this(status, detail, List.of(), null);
	}

	public AccountProblem(HttpStatus status, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
		super(detail, null, false, false);
		this.status = status;
		this.errors = errors;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public static AccountProblem invalidField(String field, String message) {
		return new AccountProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.",
				List.of(new FieldError(field, message)), null);
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public Integer retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	public record FieldError(String field, String message) {

	}

}
