package org.therapygroups.platform.problem;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;

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
	 * Takes over what bean validation found, so that a request answers its annotated
	 * constraints and the checks made in code together: take the {@link Errors} that
	 * follows a {@code @Valid @RequestBody} parameter instead of letting it fail alone.
	 * @param validation the binding result of a request body
	 * @return this
	 */
	public Violations addAll(Errors validation) {
		validation.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(org.springframework.validation.FieldError::getField))
			.forEach((error) -> add(error.getField(), error.getDefaultMessage()));
		return this;
	}

	/**
	 * Reads a value the caller wrote as text, such as a date: a body field that is a
	 * string in JSON and parsed here is reported with the other invalid fields, where a
	 * typed field would stop the whole body at the parser. Dates and times outside the
	 * years 1 to 9999 are refused as {@link PlausibleTimes} refuses them in bodies.
	 * @param <T> the value's type
	 * @param field the field's path in the request
	 * @param text the text, or {@code null}
	 * @param parser e.g. {@code LocalDate::parse}
	 * @return the value, or {@code null} when the text is absent, blank or invalid
	 */
	public <T> T parse(String field, String text, Function<String, T> parser) {
		if (text == null || text.isBlank()) {
			return null;
		}
		T value;
		try {
			value = parser.apply(text.strip());
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			add(field, "has the wrong format");
			return null;
		}
		if (!PlausibleTimes.plausible(value)) {
			add(field, PlausibleTimes.OUT_OF_RANGE);
			return null;
		}
		return value;
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

	/**
	 * @param field a field's path
	 * @return whether that field already has an error, so that a later check need not add
	 * a second one for the same cause
	 */
	public boolean has(String field) {
		return this.errors.stream().anyMatch((error) -> error.field().equals(field));
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
