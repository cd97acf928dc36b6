package org.therapygroups.events.kafka;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;

/**
 * Builds producer records with the agreed topic and key, so every producer partitions the
 * same way: the key is {@link Events#partitionKey(CloudEvent)} (the aggregate that needs
 * ordering), the topic is the owner's topic of the event type.
 */
public final class CloudEventRecords {

	private CloudEventRecords() {
	}

	/**
	 * A record for the topic of the event's type ({@link Topics#forEventType(String)}).
	 * @param event the event
	 * @return the record, keyed by the partition key
	 * @throws IllegalArgumentException if the type is not listed in
	 * {@link org.therapygroups.events.EventTypes}
	 */
	public static ProducerRecord<String, CloudEvent> toRecord(CloudEvent event) {
		if (event == null) {
			throw new IllegalArgumentException("event must not be null");
		}
		return toRecord(Topics.forEventType(event.getType()), event);
	}

	/**
	 * A record for an explicit topic.
	 * @param topic the topic
	 * @param event the event
	 * @return the record, keyed by the partition key
	 */
	public static ProducerRecord<String, CloudEvent> toRecord(String topic, CloudEvent event) {
		if (event == null) {
			throw new IllegalArgumentException("event must not be null");
		}
		String key = Events.partitionKey(event);
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("Event " + event.getId() + " has neither partitionkey nor subject");
		}
		return new ProducerRecord<>(topic, key, event);
	}

}
