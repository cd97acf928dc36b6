package org.therapygroups.events;

/**
 * The {@code data} of an event: an immutable record with a past-tense name (something
 * that happened), annotated with {@link EventType}.
 * <p>
 * <strong>Never put clinical content into a payload</strong>: no note text, themes,
 * diagnoses, substances, risk information or free-text about a patient, and no e-mail
 * addresses or passwords either. Payloads carry identifiers and metadata only; a consumer
 * that needs content asks the owning service, where access is checked and audited.
 * <p>
 * Payloads are serialized to JSON with Jackson 2: record components become JSON fields,
 * {@link java.time.Instant}s become ISO-8601 strings. Readers ignore unknown fields, so a
 * producer may add an optional field without a new type version.
 */
public interface EventPayload {

	/**
	 * The id of the aggregate this event is about; it becomes the CloudEvents
	 * {@code subject}.
	 * @return the aggregate id, never blank
	 */
	String aggregateId();

	/**
	 * The key whose events must stay in order; it becomes the Kafka record key (and the
	 * CloudEvents {@code partitionkey} extension), so all events with the same key go to
	 * the same partition and are consumed in the order they were published. Defaults to
	 * {@link #aggregateId()}; session, enrollment and attendance events use the group id.
	 * @return the ordering key, never blank
	 */
	default String partitionKey() {
		return aggregateId();
	}

}
