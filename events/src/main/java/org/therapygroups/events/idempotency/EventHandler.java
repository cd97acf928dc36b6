package org.therapygroups.events.idempotency;

import io.cloudevents.CloudEvent;

/**
 * Handles one event. Must be safe to run again for the same event (see the package
 * documentation); throw to have the event retried.
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * Handles the event.
	 * @param event the event
	 * @throws Exception to signal failure: the event is not recorded as processed
	 */
	void handle(CloudEvent event) throws Exception;

}
