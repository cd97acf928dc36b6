package org.therapygroups.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTests {

	@Test
	void bytesRoundTripPreservesEveryAttributeAndThePayload() {
		CloudEvent original = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());

		CloudEvent read = EventJson.fromBytes(EventJson.toBytes(original));

		assertSameAttributes(read, original);
		assertThat(Events.payload(read, SessionCompleted.class)).isEqualTo(TestPayloads.sessionCompleted());
	}

	@Test
	void stringRoundTripPreservesEveryAttributeAndThePayload() {
		CloudEvent original = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());

		CloudEvent read = EventJson.fromJson(EventJson.toJson(original));

		assertSameAttributes(read, original);
		assertThat(Events.payload(read, UserRegistered.class)).isEqualTo(TestPayloads.userRegistered());
		// serializing what was read gives the same JSON again (outbox re-publish)
		assertThat(EventJson.toJson(read)).isEqualTo(EventJson.toJson(original));
	}

	@Test
	void structuredModeWritesDataInlineAsJson() throws Exception {
		CloudEvent event = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());

		JsonNode json = new ObjectMapper().readTree(EventJson.toBytes(event));

		assertThat(json.get("specversion").asText()).isEqualTo("1.0");
		assertThat(json.get("id").asText()).isEqualTo(event.getId());
		assertThat(json.get("type").asText()).isEqualTo(EventTypes.Identity.USER_REGISTERED);
		assertThat(json.get("source").asText()).isEqualTo("/auth-service");
		assertThat(json.get("subject").asText()).isEqualTo(TestPayloads.userRegistered().userId());
		assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
		assertThat(json.get("partitionkey").asText()).isEqualTo(TestPayloads.userRegistered().userId());
		assertThat(json.get("time").asText()).endsWith("Z");
		assertThat(json.has("data_base64")).isFalse();
		assertThat(json.get("data").isObject()).isTrue();
		assertThat(json.get("data").get("displayName").asText()).isEqualTo("Dr. A. Meyer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "{not json", "[1,2,3]", "42", "null", "\u0000\u0001\u0002" })
	void garbageFailsWithAClearException(String garbage) {
		assertThatThrownBy(() -> EventJson.fromBytes(garbage.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(EventFormatException.class)
			.hasMessageStartingWith("Not a structured-mode CloudEvent (application/cloudevents+json): ");
	}

	@Test
	void emptyInputFailsWithAClearException() {
		assertThatThrownBy(() -> EventJson.fromBytes(new byte[0])).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("no bytes");
		assertThatThrownBy(() -> EventJson.fromJson(null)).isInstanceOf(EventFormatException.class);
	}

	@Test
	void jsonObjectWithoutMandatoryAttributesFails() {
		String json = """
				{"specversion":"1.0","source":"/x","type":"therapy.session.completed.v1"}""";

		assertThatThrownBy(() -> EventJson.fromJson(json)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("Missing mandatory id attribute");
	}

	@Test
	void unknownSpecVersionFails() {
		String json = """
				{"specversion":"9.9","id":"%s","source":"/x","type":"therapy.session.completed.v1"}"""
			.formatted(UUID.randomUUID());

		assertThatThrownBy(() -> EventJson.fromJson(json)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("9.9");
	}

	@Test
	void olderSpecVersionIsRejected() {
		String json = """
				{"specversion":"0.3","id":"%s","source":"/x","type":"therapy.session.completed.v1"}"""
			.formatted(UUID.randomUUID());

		assertThatThrownBy(() -> EventJson.fromJson(json)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("only 1.0");
	}

	static void assertSameAttributes(CloudEvent actual, CloudEvent expected) {
		assertThat(actual.getSpecVersion()).isEqualTo(expected.getSpecVersion());
		assertThat(actual.getId()).isEqualTo(expected.getId());
		assertThat(actual.getType()).isEqualTo(expected.getType());
		assertThat(actual.getSource()).isEqualTo(expected.getSource());
		assertThat(actual.getSubject()).isEqualTo(expected.getSubject());
		assertThat(actual.getTime()).isEqualTo(expected.getTime());
		assertThat(actual.getDataContentType()).isEqualTo(expected.getDataContentType());
		assertThat(actual.getDataSchema()).isEqualTo(expected.getDataSchema());
		assertThat(actual.getExtensionNames()).isEqualTo(expected.getExtensionNames());
		for (String name : expected.getExtensionNames()) {
			assertThat(actual.getExtension(name)).isEqualTo(expected.getExtension(name));
		}
	}

}
