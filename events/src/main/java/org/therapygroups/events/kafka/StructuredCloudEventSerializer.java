package org.therapygroups.events.kafka;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventJson;

/**
 * Kafka value serializer writing a {@link CloudEvent} in structured mode: the record
 * value is the {@code application/cloudevents+json} envelope and the {@code content-type}
 * header says so (CloudEvents Kafka protocol binding). A {@code null} event is written as
 * {@code null} (a tombstone).
 */
public class StructuredCloudEventSerializer implements Serializer<CloudEvent> {

	/** Kafka header that names the record value's media type. */
	public static final String CONTENT_TYPE_HEADER = "content-type";

	private static final byte[] CONTENT_TYPE_VALUE = EventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

	@Override
	public byte[] serialize(String topic, CloudEvent event) {
		if (event == null) {
			return null;
		}
		try {
			return EventJson.toBytes(event);
		}
		catch (EventFormatException ex) {
			throw new SerializationException(
					"Cannot serialize CloudEvent " + event.getId() + " for topic " + topic + ": " + ex.getMessage(),
					ex);
		}
	}

	@Override
	public byte[] serialize(String topic, Headers headers, CloudEvent event) {
		if (event != null && headers != null) {
			headers.remove(CONTENT_TYPE_HEADER);
			headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE_VALUE);
		}
		return serialize(topic, event);
	}

}
