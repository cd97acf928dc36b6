package org.therapygroups.notes.audit;

/**
 * The result of walking the audit chain.
 *
 * @param valid whether every entry is in place and unchanged
 * @param checked how many entries were found intact before the first problem
 * @param seq where the first problem is, or {@code null}
 * @param problem {@link #ALTERED}, {@link #REMOVED} or {@link #REORDERED}, or
 * {@code null}
 * @param detail a sentence for the operator (sequence numbers only)
 */
public record Verification(boolean valid, long checked, Long seq, String problem, String detail) {

	/** An entry's content no longer matches its hash. */
	public static final String ALTERED = "ALTERED";

	/** One or more entries are missing. */
	public static final String REMOVED = "REMOVED";

	/** An entry is intact but not where it was written. */
	public static final String REORDERED = "REORDERED";

	static Verification broken(long checked, long seq, String problem, String detail) {
		return new Verification(false, checked, seq, problem, detail);
	}

}
