package org.therapygroups.events.idempotency;

import io.cloudevents.CloudEvent;
import org.therapygroups.events.EventPayload;

/**
 * Handles one event together with its typed payload. Must be safe to run again for the
 * same event (see the package documentation); throw to have the event retried.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface PayloadHandler<T extends EventPayload> {

	/**
	 * Handles the event.
	 * @param event the envelope (id, time, subject, ...)
	 * @param payload its payload
	 * @throws Exception to signal failure: the event is not recorded as processed
	 */
	void handle(CloudEvent event, T payload) throws Exception;

}
