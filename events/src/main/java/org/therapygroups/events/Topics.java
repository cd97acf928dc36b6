package org.therapygroups.events;

import java.util.Set;

/**
 * Kafka topic names. Each owner publishes to exactly one topic; the record key is the
 * payload's {@link EventPayload#partitionKey() partition key} (the aggregate whose events
 * must stay in order), so one aggregate's events live in one partition.
 * <p>
 * Poison messages (ones that cannot be deserialized, or whose handler keeps failing after
 * the retries) are parked on the dead-letter topic {@code <topic>.dlt}, with the original
 * key and value and the error in the headers. With spring-kafka's
 * {@code DeadLetterPublishingRecoverer} use a destination resolver such as
 * {@code (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1)} (its
 * default would be {@code <topic>-dlt}).
 */
public final class Topics {

	/** Events owned by auth-service (accounts, roles). */
	public static final String IDENTITY = "identity.events";

	/** Events owned by sessions-service (groups, sessions, membership, attendance). */
	public static final String SESSIONS = "sessions.events";

	/** Events owned by notes-service (note lifecycle metadata only). */
	public static final String NOTES = "notes.events";

	/**
	 * Signed checkpoints of notes-service's audit chain (sequence number, hash, time; no
	 * personal data). Not an event topic: plain JSON values, one partition, unlimited
	 * retention, so the database's administrator cannot move the chain's head back
	 * unnoticed.
	 */
	public static final String AUDIT_CHECKPOINTS = "notes.audit.checkpoints";

	/** Suffix of a dead-letter topic. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	/** The three event topics. */
	public static final Set<String> ALL = Set.of(IDENTITY, SESSIONS, NOTES);

	private Topics() {
	}

	/**
	 * The dead-letter topic of {@code topic}: {@code sessions.events} gives
	 * {@code sessions.events.dlt}.
	 * @param topic the original topic
	 * @return the dead-letter topic name
	 */
	public static String deadLetter(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
		if (isDeadLetter(topic)) {
			throw new IllegalArgumentException("'" + topic + "' is already a dead-letter topic");
		}
		return topic + DEAD_LETTER_SUFFIX;
	}

	/**
	 * Whether {@code topic} is a dead-letter topic.
	 * @param topic a topic name
	 * @return {@code true} if it ends with {@link #DEAD_LETTER_SUFFIX}
	 */
	public static boolean isDeadLetter(String topic) {
		return topic != null && topic.endsWith(DEAD_LETTER_SUFFIX);
	}

	/**
	 * The topic an event type is published on, from the owner grouping in
	 * {@link EventTypes}.
	 * @param eventType a type listed in {@link EventTypes}
	 * @return the owner's topic
	 * @throws IllegalArgumentException if the type is not listed
	 */
	public static String forEventType(String eventType) {
		if (EventTypes.Identity.ALL.contains(eventType)) {
			return IDENTITY;
		}
		if (EventTypes.Sessions.ALL.contains(eventType)) {
			return SESSIONS;
		}
		if (EventTypes.Notes.ALL.contains(eventType)) {
			return NOTES;
		}
		throw new IllegalArgumentException(
				"Unknown event type '" + eventType + "': add it to EventTypes under its owning service");
	}

}
