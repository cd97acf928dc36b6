package org.therapygroups.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A failure whose detail text is written for the client. Framework exceptions only
 * contribute their status, because their messages can carry internals.
 */
public class ProblemException extends ResponseStatusException {

	private final HttpHeaders headers;

	public ProblemException(HttpStatus status, String detail) {
		this(status, detail, HttpHeaders.EMPTY);
	}

	public ProblemException(HttpStatus status, String detail, HttpHeaders headers) {
		super(status, detail);
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

}
