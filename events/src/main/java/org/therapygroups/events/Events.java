package org.therapygroups.events;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;

/**
 * Builds CloudEvents 1.0 envelopes from payload records and reads payloads back. Every
 * producer and consumer goes through this class, so all events look the same:
 * <table>
 * <caption>Envelope attributes</caption>
 * <tr>
 * <th>attribute</th>
 * <th>value</th>
 * </tr>
 * <tr>
 * <td>{@code specversion}</td>
 * <td>{@code 1.0}</td>
 * </tr>
 * <tr>
 * <td>{@code id}</td>
 * <td>a UUID: the idempotency key consumers deduplicate on</td>
 * </tr>
 * <tr>
 * <td>{@code type}</td>
 * <td>the payload's {@link EventType}, e.g. {@code therapy.session.completed.v1}</td>
 * </tr>
 * <tr>
 * <td>{@code source}</td>
 * <td>the publishing service, see {@link EventSources}</td>
 * </tr>
 * <tr>
 * <td>{@code subject}</td>
 * <td>{@link EventPayload#aggregateId()}</td>
 * </tr>
 * <tr>
 * <td>{@code time}</td>
 * <td>when it happened, UTC, millisecond precision</td>
 * </tr>
 * <tr>
 * <td>{@code datacontenttype}</td>
 * <td>{@code application/json}</td>
 * </tr>
 * <tr>
 * <td>{@code partitionkey}</td>
 * <td>extension: {@link EventPayload#partitionKey()}, the Kafka record key</td>
 * </tr>
 * <tr>
 * <td>{@code data}</td>
 * <td>the payload record as JSON</td>
 * </tr>
 * </table>
 * <p>
 * Producers that use an outbox build the event once, store it (for example as
 * {@link EventJson#toJson(CloudEvent)}, or its id and time next to the payload) and
 * publish that same event, with the same {@code id}, as often as needed: use
 * {@link #create(UUID, OffsetDateTime, String, EventPayload)} to rebuild it.
 */
public final class Events {

	/** The {@code datacontenttype} of every event. */
	public static final String DATA_CONTENT_TYPE = "application/json";

	/**
	 * Name of the CloudEvents partitioning extension attribute that carries the ordering
	 * key.
	 */
	public static final String PARTITION_KEY_EXTENSION = "partitionkey";

	private static final Map<Class<?>, String> TYPES = new ConcurrentHashMap<>();

	private Events() {
	}

	/**
	 * A new event with a random id, happening now.
	 * @param source the publishing service, e.g. {@link EventSources#SESSIONS_SERVICE}
	 * @param payload the payload record
	 * @return the envelope
	 */
	public static CloudEvent create(String source, EventPayload payload) {
		return create(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), source, payload);
	}

	/**
	 * An event with a given id and time: to re-publish an event stored in an outbox with
	 * the same id, or to set the time of the state change that produced it. The time is
	 * converted to UTC and truncated to milliseconds (so that it survives storage as a
	 * MongoDB date unchanged).
	 * @param id the event id (idempotency key)
	 * @param time when it happened
	 * @param source the publishing service, e.g. {@link EventSources#SESSIONS_SERVICE}
	 * @param payload the payload record
	 * @return the envelope
	 * @throws IllegalArgumentException if an argument is missing or malformed, or the
	 * payload's class has no valid {@link EventType}
	 */
	public static CloudEvent create(UUID id, OffsetDateTime time, String source, EventPayload payload) {
		require(id != null, "id must not be null");
		require(time != null, "time must not be null");
		require(payload != null, "payload must not be null");
		String type = typeOf(payload.getClass());
		String subject = payload.aggregateId();
		require(subject != null && !subject.isBlank(),
				"aggregateId() of " + payload.getClass().getSimpleName() + " must not be blank");
		String partitionKey = payload.partitionKey();
		require(partitionKey != null && !partitionKey.isBlank(),
				"partitionKey() of " + payload.getClass().getSimpleName() + " must not be blank");
		return CloudEventBuilder.v1()
			.withId(id.toString())
			.withSource(sourceUri(source))
			.withType(type)
			.withSubject(subject)
			.withTime(time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
			.withDataContentType(DATA_CONTENT_TYPE)
			.withExtension(PARTITION_KEY_EXTENSION, partitionKey)
			.withData(DATA_CONTENT_TYPE, PayloadJson.write(payload))
			.build();
	}

	/**
	 * The CloudEvents type a payload class declares with {@link EventType}.
	 * @param payloadType the payload record class
	 * @return its type, e.g. {@code therapy.identity.user-registered.v1}
	 * @throws IllegalArgumentException if the class is not annotated or the type is not
	 * well-formed (see {@link EventTypes#PATTERN})
	 */
	public static String typeOf(Class<? extends EventPayload> payloadType) {
		require(payloadType != null, "payloadType must not be null");
		return TYPES.computeIfAbsent(payloadType, Events::readType);
	}

	private static String readType(Class<?> payloadType) {
		EventType annotation = payloadType.getAnnotation(EventType.class);
		if (annotation == null) {
			throw new IllegalArgumentException(
					payloadType.getName() + " is not annotated with @" + EventType.class.getSimpleName());
		}
		try {
			return EventTypes.requireValid(annotation.value());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("@EventType of " + payloadType.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether an event carries the given payload type (same type string, so also the same
	 * version).
	 * @param event the event
	 * @param payloadType the payload record class
	 * @return {@code true} if {@code event.getType()} is the payload's type
	 */
	public static boolean isOfType(CloudEvent event, Class<? extends EventPayload> payloadType) {
		return event != null && typeOf(payloadType).equals(event.getType());
	}

	/**
	 * Reads the typed payload of an event.
	 * @param <T> the payload type
	 * @param event the event
	 * @param payloadType the payload record class; its {@link EventType} must equal the
	 * event's type
	 * @return the payload
	 * @throws EventFormatException if the event is not a CloudEvents 1.0 JSON event of
	 * that type, has no data, or the data does not fit the record
	 */
	public static <T extends EventPayload> T payload(CloudEvent event, Class<T> payloadType) {
		require(event != null, "event must not be null");
		String expected = typeOf(payloadType);
		if (!expected.equals(event.getType())) {
			throw new EventFormatException("Event " + event.getId() + " has type '" + event.getType() + "', not '"
					+ expected + "' of " + payloadType.getSimpleName());
		}
		if (event.getSpecVersion() != SpecVersion.V1) {
			throw new EventFormatException(
					"Event " + event.getId() + " has specversion " + event.getSpecVersion() + ", expected 1.0");
		}
		String contentType = event.getDataContentType();
		if (contentType != null && !contentType.startsWith(DATA_CONTENT_TYPE)) {
			throw new EventFormatException("Event " + event.getId() + " has datacontenttype '" + contentType
					+ "', expected " + DATA_CONTENT_TYPE);
		}
		CloudEventData data = event.getData();
		if (data == null) {
			throw new EventFormatException("Event " + event.getId() + " of type " + event.getType() + " has no data");
		}
		try {
			T payload = (data instanceof JsonCloudEventData json) ? PayloadJson.read(json.getNode(), payloadType)
					: PayloadJson.read(data.toBytes(), payloadType);
			if (payload == null) {
				throw new EventFormatException("Event " + event.getId() + " has null data");
			}
			return payload;
		}
		catch (JsonProcessingException ex) {
			throw new EventFormatException("Data of event " + event.getId() + " (" + event.getType() + ") does not fit "
					+ payloadType.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
		}
		catch (IOException ex) {
			throw new EventFormatException("Cannot read data of event " + event.getId() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The event id as a UUID.
	 * @param event the event
	 * @return its id
	 * @throws EventFormatException if the id is not a UUID
	 */
	public static UUID id(CloudEvent event) {
		require(event != null, "event must not be null");
		try {
			return UUID.fromString(event.getId());
		}
		catch (IllegalArgumentException ex) {
			throw new EventFormatException("Event id '" + event.getId() + "' is not a UUID", ex);
		}
	}

	/**
	 * The ordering key of an event: its {@code partitionkey} extension, else its
	 * {@code subject}. Use it as the Kafka record key.
	 * @param event the event
	 * @return the key, or {@code null} if the event has neither
	 */
	public static String partitionKey(CloudEvent event) {
		require(event != null, "event must not be null");
		Object key = event.getExtension(PARTITION_KEY_EXTENSION);
		return (key != null) ? key.toString() : event.getSubject();
	}

	private static URI sourceUri(String source) {
		require(source != null && !source.isBlank(), "source must not be blank, e.g. /sessions-service");
		try {
			return new URI(source);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("source '" + source + "' is not a URI reference", ex);
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
