package org.therapygroups.events.idempotency;

import java.lang.System.Logger.Level;

import io.cloudevents.CloudEvent;
import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.Events;

/**
 * Runs a handler at most once per event id for one consumer, as far as a
 * {@link ProcessedEvents} store can tell:
 * <ol>
 * <li>if the id is recorded for this consumer, skip (return {@code false});</li>
 * <li>otherwise run the handler; if it throws, nothing is recorded and the exception
 * propagates, so the event is retried on redelivery (or dead-lettered by the caller's
 * error handling);</li>
 * <li>after the handler succeeded, record the id and return {@code true}.</li>
 * </ol>
 * If the process dies between 2 and 3 the handler runs again on redelivery: handlers must
 * be safe to re-run (see the package documentation for how). Call it from the Kafka
 * listener thread, one record at a time per partition, and commit the offset after it
 * returned.
 *
 * <pre>{@code
 * IdempotentConsumer consumer = new IdempotentConsumer("notes-service.session-completed",
 *         new MongoProcessedEvents(database.getCollection("processed_events")));
 * consumer.handle(event, SessionCompleted.class, (e, completed) -> notes.openDraft(e.getId(), completed));
 * }</pre>
 */
public final class IdempotentConsumer {

	private static final System.Logger log = System.getLogger(IdempotentConsumer.class.getName());

	private final String consumerName;

	private final ProcessedEvents processed;

	/**
	 * Creates the wrapper.
	 * @param consumerName the logical consumer, e.g.
	 * {@code notes-service.session-completed}
	 * @param processed where processed ids are kept
	 */
	public IdempotentConsumer(String consumerName, ProcessedEvents processed) {
		if (consumerName == null || consumerName.isBlank()) {
			throw new IllegalArgumentException("consumerName must not be blank");
		}
		if (processed == null) {
			throw new IllegalArgumentException("processed must not be null");
		}
		this.consumerName = consumerName;
		this.processed = processed;
	}

	/**
	 * The consumer name ids are recorded under.
	 * @return the name
	 */
	public String consumerName() {
		return this.consumerName;
	}

	/**
	 * Runs {@code handler} unless this consumer already processed the event's id.
	 * @param event the event
	 * @param handler the handler
	 * @return {@code true} if the handler ran, {@code false} if the event was a duplicate
	 * @throws EventHandlingException if the handler threw a checked exception (runtime
	 * exceptions propagate unchanged)
	 */
	public boolean handle(CloudEvent event, EventHandler handler) {
		if (event == null || handler == null) {
			throw new IllegalArgumentException("event and handler must not be null");
		}
		String eventId = event.getId();
		if (eventId == null || eventId.isBlank()) {
			throw new EventFormatException("Event without an id cannot be handled idempotently");
		}
		if (this.processed.isProcessed(this.consumerName, eventId)) {
			log.log(Level.DEBUG, () -> this.consumerName + ": skipping already processed event " + eventId);
			return false;
		}
		try {
			handler.handle(event);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new EventHandlingException(this.consumerName + ": handler failed for event " + eventId + " ("
					+ event.getType() + "): " + ex.getMessage(), ex);
		}
		if (!this.processed.markProcessed(this.consumerName, eventId)) {
			log.log(Level.WARNING, () -> this.consumerName + ": event " + eventId
					+ " was recorded concurrently by another instance; it was handled twice");
		}
		return true;
	}

	/**
	 * Reads the typed payload and runs {@code handler} unless this consumer already
	 * processed the event's id.
	 * @param <T> the payload type
	 * @param event the event
	 * @param payloadType the payload record class
	 * @param handler the handler
	 * @return {@code true} if the handler ran, {@code false} if the event was a duplicate
	 * @throws EventFormatException if the payload cannot be read (do not retry:
	 * dead-letter)
	 */
	public <T extends EventPayload> boolean handle(CloudEvent event, Class<T> payloadType, PayloadHandler<T> handler) {
		if (handler == null) {
			throw new IllegalArgumentException("handler must not be null");
		}
		return handle(event, (e) -> handler.handle(e, Events.payload(e, payloadType)));
	}

}
