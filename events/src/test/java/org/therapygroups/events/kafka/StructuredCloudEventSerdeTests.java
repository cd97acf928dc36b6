package org.therapygroups.events.kafka;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.Events;
import org.therapygroups.events.TestPayloads;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredCloudEventSerdeTests {

	private final StructuredCloudEventSerializer serializer = new StructuredCloudEventSerializer();

	private final StructuredCloudEventDeserializer deserializer = new StructuredCloudEventDeserializer();

	@Test
	void roundTripSetsTheStructuredContentType() {
		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());
		RecordHeaders headers = new RecordHeaders();

		byte[] bytes = this.serializer.serialize("sessions.events", headers, event);
		CloudEvent read = this.deserializer.deserialize("sessions.events", headers, bytes);

		assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
			.isEqualTo("application/cloudevents+json");
		assertThat(read.getId()).isEqualTo(event.getId());
		assertThat(Events.payload(read, SessionCompleted.class)).isEqualTo(TestPayloads.sessionCompleted());
	}

	@Test
	void nullIsATombstone() {
		assertThat(this.serializer.serialize("t", new RecordHeaders(), null)).isNull();
		assertThat(this.deserializer.deserialize("t", new RecordHeaders(), (byte[]) null)).isNull();
	}

	@Test
	void garbageThrowsASerializationExceptionNamingTheTopic() {
		byte[] garbage = "\u00ff\u00fe definitely not json".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> this.deserializer.deserialize("sessions.events", new RecordHeaders(), garbage))
			.isInstanceOf(SerializationException.class)
			.hasMessageStartingWith("Record on topic sessions.events is not a valid CloudEvent: Not a structured-mode")
			.hasCauseInstanceOf(EventFormatException.class);
	}

	@Test
	void binaryModeIsRejected() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
		headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> this.deserializer.deserialize("t", headers, "{}".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("binary-mode");
	}

	@Test
	void recordsAreKeyedByThePartitionKeyOnTheOwnersTopic() {
		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());

		ProducerRecord<String, CloudEvent> record = CloudEventRecords.toRecord(event);

		assertThat(record.topic()).isEqualTo("sessions.events");
		assertThat(record.key()).isEqualTo("group-7");
		assertThat(record.value()).isSameAs(event);
	}

}
