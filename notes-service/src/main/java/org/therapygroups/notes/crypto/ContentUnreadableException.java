package org.therapygroups.notes.crypto;

/**
 * A stored ciphertext could not be decrypted: a wrong key, a ciphertext moved to another
 * note or field, or altered data. Says which field, never what it holds.
 */
public class ContentUnreadableException extends RuntimeException {

	ContentUnreadableException(String message, Throwable cause) {
		super(message, cause);
	}

}
