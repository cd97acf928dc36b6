package org.therapygroups.notes.crypto;

/** Checks signatures with a public keyset only. */
@FunctionalInterface
public interface SignatureCheck {

	/**
	 * Whether a signature is valid.
	 * @param signature the signature in base64
	 * @param data what it claims to sign
	 * @return whether one of the keyset's keys made it
	 */
	boolean verifies(String signature, byte[] data);

}
