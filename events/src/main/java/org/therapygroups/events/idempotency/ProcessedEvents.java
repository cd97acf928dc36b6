package org.therapygroups.events.idempotency;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

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

	/**
	 * Which of {@code eventIds} {@code consumer} has recorded: for a consumer that
	 * handles a poll's events together.
	 * @param consumer the consumer name
	 * @param eventIds the CloudEvents ids
	 * @return those recorded before
	 */
	default Set<String> processedAmong(String consumer, Collection<String> eventIds) {
		Set<String> processed = new LinkedHashSet<>();
		for (String eventId : eventIds) {
			if (isProcessed(consumer, eventId)) {
				processed.add(eventId);
			}
		}
		return processed;
	}

	/**
	 * Records that {@code consumer} processed every one of {@code eventIds}; ids recorded
	 * before stay as they are.
	 * @param consumer the consumer name
	 * @param eventIds the CloudEvents ids
	 */
	default void markAllProcessed(String consumer, Collection<String> eventIds) {
		for (String eventId : eventIds) {
			markProcessed(consumer, eventId);
		}
	}

}
