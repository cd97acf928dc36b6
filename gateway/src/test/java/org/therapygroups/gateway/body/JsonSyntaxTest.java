package org.therapygroups.gateway.body;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonSyntaxTest {

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[]", "{\"a\":[1,2,{\"b\":null}]}", "\"text\"", "42", " true \n" })
	void acceptsOneWellFormedValue(String json) {
		assertThat(JsonSyntax.firstError(bytes(json))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "{\"a\":}", "[1,]", "{'a':1}", "nul", "{\"a\":\"\\x\"}", "{} {}", "[1] x", " " })
	void rejectsAnythingElse(String json) {
		assertThat(JsonSyntax.firstError(bytes(json))).isNotNull();
	}

	@Test
	void namesThePositionButNotTheContent() {
		assertThat(JsonSyntax.firstError(bytes("{\"secret\": oops}")))
			.isEqualTo("The request body is not well-formed JSON (line 1, column 12).");
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
