package org.therapygroups.auth.names;

/**
 * What a name people read may hold, for {@code @Pattern} on every request field that
 * takes one (display, first and last names).
 */
public final class PersonNames {

	/**
	 * No {@code @} (a name is never an e-mail address), no control characters (NUL, line
	 * breaks, ...), no unpaired surrogates, no line or paragraph separators.
	 */
	public static final String PATTERN = "[^@\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}]*";

	public static final String MESSAGE = "must not contain @ or control characters";

	private PersonNames() {
	}

}
