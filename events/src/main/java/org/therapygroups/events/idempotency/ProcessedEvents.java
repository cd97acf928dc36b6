package org.therapygroups.events.idempotency;

/**
 * Remembers which events a consumer has processed. A consumer name identifies one logical
 * consumer (usually the Kafka consumer group plus the handler, e.g.
 * {@code notes-service.session-completed}); the same event id is tracked separately per
 * consumer.
 */
public interface ProcessedEvents {

	/**
	 * Whether {@code consumer} has recorded {@code eventId}.
	 * @param consumer the consumer name
	 * @param eventId the CloudEvents id
	 * @return {@code true} if it was recorded before
	 */
	boolean isProcessed(String consumer, String eventId);

	/**
	 * Records that {@code consumer} processed {@code eventId}, atomically.
	 * @param consumer the consumer name
	 * @param eventId the CloudEvents id
	 * @return {@code true} if this call recorded it (the first time), {@code false} if it
	 * was already recorded
	 */
	boolean markProcessed(String consumer, String eventId);

}
