package org.therapygroups.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every field error of a request, so the caller sees them all at once. */
public final class Violations {

	/**
	 * Control characters (NUL, line breaks, ...), unpaired surrogates and line or
	 * paragraph separators: nothing a person reads in a name.
	 */
	private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]");

	private final List<FieldError> errors = new ArrayList<>();

	public Violations add(String field, String message) {
		this.errors.add(new FieldError(field, message));
		return this;
	}

	/**
	 * Refuses a name that people will read if it holds control characters.
	 * @param field the field's path in the request
	 * @param value the name, or {@code null}
	 * @return this
	 */
	public Violations requirePrintable(String field, String value) {
		if (value != null && UNPRINTABLE.matcher(value).find()) {
			add(field, "must not contain control characters");
		}
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
