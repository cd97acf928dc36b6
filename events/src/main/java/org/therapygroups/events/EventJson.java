package org.therapygroups.events;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.jackson.JsonFormat;

/**
 * The structured-mode JSON format of a whole envelope
 * ({@code application/cloudevents+json}, CloudEvents JSON event format 1.0): all
 * attributes and the JSON {@code data} in one JSON object. Use it for Kafka record values
 * (see the {@code kafka} package), for outbox storage and for logs of envelopes.
 */
public final class EventJson {

	/** Media type of a structured-mode JSON CloudEvent. */
	public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

	private static final JsonFormat FORMAT = new JsonFormat();

	private EventJson() {
	}

	/**
	 * Serializes an envelope.
	 * @param event the event
	 * @return UTF-8 JSON bytes
	 * @throws EventFormatException if it cannot be serialized
	 */
	public static byte[] toBytes(CloudEvent event) {
		if (event == null) {
			throw new IllegalArgumentException("event must not be null");
		}
		try {
			return FORMAT.serialize(event);
		}
		catch (EventSerializationException ex) {
			throw new EventFormatException("Cannot serialize event " + event.getId() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Serializes an envelope to a JSON string.
	 * @param event the event
	 * @return the JSON
	 */
	public static String toJson(CloudEvent event) {
		return new String(toBytes(event), StandardCharsets.UTF_8);
	}

	/**
	 * Parses an envelope.
	 * @param json UTF-8 JSON bytes
	 * @return the event; its data is JSON that {@link Events#payload} reads
	 * @throws EventFormatException if the bytes are not a CloudEvents 1.0 structured JSON
	 * event
	 */
	public static CloudEvent fromBytes(byte[] json) {
		if (json == null || json.length == 0) {
			throw new EventFormatException(
					"Not a CloudEvent: no bytes (expected a structured-mode " + CONTENT_TYPE + " JSON object)");
		}
		CloudEvent event;
		try {
			event = FORMAT.deserialize(json);
		}
		catch (EventDeserializationException | IllegalStateException ex) {
			throw new EventFormatException("Not a structured-mode CloudEvent (" + CONTENT_TYPE + "): " + rootMessage(ex)
					+ " [" + json.length + " bytes]", ex);
		}
		if (event == null) {
			throw new EventFormatException("Not a structured-mode CloudEvent (" + CONTENT_TYPE + "): JSON null");
		}
		if (event.getSpecVersion() != SpecVersion.V1) {
			throw new EventFormatException("Unsupported CloudEvents specversion " + event.getSpecVersion()
					+ " in event " + event.getId() + ": only 1.0 is accepted");
		}
		if (event.getId() == null || event.getId().isBlank()) {
			throw new EventFormatException("CloudEvent without an id");
		}
		return event;
	}

	/**
	 * Parses an envelope from a JSON string.
	 * @param json the JSON
	 * @return the event
	 * @throws EventFormatException if the string is not a CloudEvents 1.0 structured JSON
	 * event
	 */
	public static CloudEvent fromJson(String json) {
		return fromBytes((json != null) ? json.getBytes(StandardCharsets.UTF_8) : null);
	}

	private static String rootMessage(Throwable ex) {
		Throwable current = ex;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		String message = current.getMessage();
		return (message != null) ? message.lines().findFirst().orElse(message) : current.getClass().getSimpleName();
	}

}
