package org.therapygroups.notes.audit;

/**
 * The result of walking the audit chain and comparing it with the signed checkpoints.
 *
 * @param valid whether every entry is in place, unchanged and matches every checkpoint
 * @param checked how many entries were found intact before the first problem
 * @param seq where the first problem is, or {@code null}
 * @param problem {@link #ALTERED}, {@link #REMOVED}, {@link #REORDERED},
 * {@link #REWRITTEN} or {@link #FORGED_CHECKPOINT}, or {@code null}
 * @param detail a sentence for the operator (sequence numbers only)
 * @param scope {@link #FULL} (from the first entry) or {@link #SINCE_CHECKPOINT}
 * @param checkpoints how many validly signed checkpoints were found
 * @param anchoredTo the newest entry a signed checkpoint vouches for, or {@code null}
 * @param unanchored entries after it, vouched for by their MACs only until the next
 * checkpoint
 */
public record Verification(boolean valid, long checked, Long seq, String problem, String detail, String scope,
		long checkpoints, Long anchoredTo, long unanchored) {

	/** An entry no longer matches its hash or its MAC. */
	public static final String ALTERED = "ALTERED";

	/** One or more entries are missing (in the middle, or cut off at the end). */
	public static final String REMOVED = "REMOVED";

	/** An entry is intact but not where it was written. */
	public static final String REORDERED = "REORDERED";

	/**
	 * The chain is consistent but differs from what a signed checkpoint pinned: entries
	 * were rewritten and every later hash recomputed.
	 */
	public static final String REWRITTEN = "REWRITTEN";

	/** A checkpoint on the topic does not carry a valid signature. */
	public static final String FORGED_CHECKPOINT = "FORGED_CHECKPOINT";

	/** Verification from the first entry. */
	public static final String FULL = "FULL";

	/** Verification of the entries from the newest checkpoint on. */
	public static final String SINCE_CHECKPOINT = "SINCE_CHECKPOINT";

}
