package org.therapygroups.events;

/**
 * An envelope or a payload cannot be written or read: malformed bytes, a missing or wrong
 * CloudEvents attribute, a payload that does not match its declared type. A consumer that
 * sees this exception for a received message should not retry it: the message will not
 * get better, so park it on the dead-letter topic ({@link Topics#deadLetter(String)}).
 */
public class EventFormatException extends RuntimeException {

	public EventFormatException(String message) {
		super(message);
	}

	public EventFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
