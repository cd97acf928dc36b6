package org.therapygroups.sessions.support;

import java.util.ArrayList;
import java.util.List;

/** Collects every field error of a request, so the caller sees them all at once. */
public final class Violations {

	private final List<ApiProblem.FieldError> errors = new ArrayList<>();

	public Violations add(String field, String message) {
		this.errors.add(new ApiProblem.FieldError(field, message));
		return this;
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	/** Throws a 400 problem with all collected errors, if there are any. */
	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw ApiProblem.badRequest(this.errors);
		}
	}

}
