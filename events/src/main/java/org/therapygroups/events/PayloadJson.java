package org.therapygroups.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one Jackson 2 mapper for payloads: ISO-8601 times, unknown fields ignored (tolerant
 * reader), unknown enum constants read as the constant marked
 * {@code @JsonEnumDefaultValue}.
 */
final class PayloadJson {

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		.build();

	private PayloadJson() {
	}

	static byte[] write(Object payload) {
		try {
			return MAPPER.writeValueAsBytes(payload);
		}
		catch (IOException ex) {
			throw new EventFormatException(
					"Cannot serialize payload " + payload.getClass().getName() + ": " + ex.getMessage(), ex);
		}
	}

	static <T> T read(byte[] json, Class<T> type) throws IOException {
		return MAPPER.readValue(json, type);
	}

	static <T> T read(JsonNode json, Class<T> type) throws IOException {
		return MAPPER.treeToValue(json, type);
	}

}
