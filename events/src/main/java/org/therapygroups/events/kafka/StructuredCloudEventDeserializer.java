package org.therapygroups.events.kafka;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventJson;

/**
 * Kafka value deserializer reading a structured-mode {@link CloudEvent}
 * ({@code application/cloudevents+json}).
 * <p>
 * A {@code null} value (tombstone) gives {@code null}. Anything that is not a CloudEvents
 * 1.0 JSON envelope (garbage bytes, a JSON object without {@code id}/{@code source}/
 * {@code type}, a binary-mode event with {@code ce_*} headers, an older specversion)
 * throws a {@link SerializationException} whose message names the topic and the problem
 * and whose cause is an {@link EventFormatException}. A plain {@code KafkaConsumer}
 * reports it from {@code poll()} as a {@code RecordDeserializationException} carrying the
 * partition, offset and raw bytes, so the consumer can publish the raw record to
 * {@code <topic>.dlt} and seek past it; spring-kafka's {@code ErrorHandlingDeserializer}
 * hands it to the error handler for dead-lettering. Never retry such a record.
 */
public class StructuredCloudEventDeserializer implements Deserializer<CloudEvent> {

	private static final String BINARY_MODE_HEADER = "ce_specversion";

	@Override
	public CloudEvent deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		try {
			return EventJson.fromBytes(data);
		}
		catch (EventFormatException ex) {
			throw new SerializationException(
					"Record on topic " + topic + " is not a valid CloudEvent: " + ex.getMessage(), ex);
		}
	}

	@Override
	public CloudEvent deserialize(String topic, Headers headers, byte[] data) {
		if (data != null && headers != null) {
			String contentType = lastValue(headers, StructuredCloudEventSerializer.CONTENT_TYPE_HEADER);
			boolean structured = contentType != null && contentType.startsWith(EventJson.CONTENT_TYPE);
			if (!structured && headers.lastHeader(BINARY_MODE_HEADER) != null) {
				throw new SerializationException(
						"Record on topic " + topic + " is a binary-mode CloudEvent (ce_* headers, content-type "
								+ contentType + "); only structured mode (" + EventJson.CONTENT_TYPE + ") is accepted",
						new EventFormatException("binary-mode CloudEvent"));
			}
		}
		return deserialize(topic, data);
	}

	private static String lastValue(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
