package org.therapygroups.notes.crypto;

/** Checks the MAC of an audit entry. */
@FunctionalInterface
public interface EntryMac {

	/**
	 * Whether a MAC is valid.
	 * @param seq the entry's sequence number
	 * @param hash the entry's hash
	 * @param tag the stored MAC in base64, or {@code null}
	 * @return whether one of the keyset's keys made it for exactly this entry
	 */
	boolean verifies(long seq, String hash, String tag);

}
