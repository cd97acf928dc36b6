package org.therapygroups.platform.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.bson.Document;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.Events;

/**
 * A pending event inside the document whose change it reports, so that the change and its
 * event are one atomic single-document write; {@link OutboxRelay} publishes it later. The
 * field is {@code eventId}, not {@code id}: Spring Data would map a nested {@code id} to
 * {@code _id}.
 *
 * @param eventId the CloudEvent id, kept for every re-publication (consumers deduplicate
 * on it)
 * @param type the CloudEvent type, for operators looking at a stuck outbox
 * @param event the whole envelope as structured-mode JSON
 */
public record OutboxEntry(String eventId, String type, String event) {

	/**
	 * Builds the envelope once; the relay publishes exactly this JSON.
	 * @param source the publishing service, see {@code EventSources}
	 * @param payload the event payload
	 * @param occurredAt when the change happened
	 * @return the entry to write with the change
	 */
	public static OutboxEntry of(String source, EventPayload payload, Instant occurredAt) {
		CloudEvent event = Events.create(UUID.randomUUID(), occurredAt.atOffset(ZoneOffset.UTC), source, payload);
		return new OutboxEntry(event.getId(), event.getType(), EventJson.toJson(event));
	}

	/**
	 * The entry as stored, for a service that pushes it with a hand-made update instead
	 * of saving a mapped document.
	 * @return the BSON document
	 */
	public Document toDocument() {
		return new Document("eventId", this.eventId).append("type", this.type).append("event", this.event);
	}

}
