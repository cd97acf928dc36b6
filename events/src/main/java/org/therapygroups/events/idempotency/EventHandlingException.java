package org.therapygroups.events.idempotency;

/**
 * A handler failed with a checked exception; the cause is the original exception. The
 * event was not recorded as processed, so it is handled again when redelivered.
 */
public class EventHandlingException extends RuntimeException {

	public EventHandlingException(String message, Throwable cause) {
		super(message, cause);
	}

}
