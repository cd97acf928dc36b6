package org.therapygroups.devstack;

/** A failure the user can act on; the message names what failed and the log to read. */
public class StackException extends RuntimeException {

	public StackException(String message) {
		super(message);
	}

	public StackException(String message, Throwable cause) {
		super(message, cause);
	}

}
