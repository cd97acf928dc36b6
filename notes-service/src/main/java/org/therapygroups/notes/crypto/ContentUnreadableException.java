package org.therapygroups.notes.crypto;

import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;

/**
 * A stored ciphertext could not be decrypted: a wrong key, a ciphertext moved to another
 * note or field, or altered data. Says which field, never what it holds.
 */
public class ContentUnreadableException extends ApiProblem {

	ContentUnreadableException(String message, Throwable cause) {
		super(HttpStatus.INTERNAL_SERVER_ERROR, "Stored note content cannot be decrypted.", message, cause);
	}

}
