package org.therapygroups.notes.note;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON Merge Patch as RFC 7396 specifies it (its appendix A), and the fields a patch
 * changes.
 */
class MergePatchTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0} patched with {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			{"a":"b"}            | {"a":"c"}            | {"a":"c"}
			{"a":"b"}            | {"b":"c"}            | {"a":"b","b":"c"}
			{"a":"b"}            | {"a":null}           | {}
			{"a":"b","b":"c"}    | {"a":null}           | {"b":"c"}
			{"a":["b"]}          | {"a":"c"}            | {"a":"c"}
			{"a":"c"}            | {"a":["b"]}          | {"a":["b"]}
			{"a":{"b":"c"}}      | {"a":{"b":"d","c":null}} | {"a":{"b":"d"}}
			{"a":[{"b":"c"}]}    | {"a":[1]}            | {"a":[1]}
			["a","b"]            | ["c","d"]            | ["c","d"]
			{"a":"b"}            | ["c"]                | ["c"]
			{"a":"foo"}          | "bar"                | "bar"
			{"e":null}           | {"a":1}              | {"e":null,"a":1}
			[1,2]                | {"a":"b","c":null}   | {"a":"b"}
			{}                   | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
			""")
	void appliesAsTheRfcSays(String target, String patch, String result) {
		JsonNode stored = JSON.readTree(target);
		assertThat(MergePatch.apply(stored, JSON.readTree(patch))).isEqualTo(JSON.readTree(result));
		assertThat(stored).as("the stored content is not changed").isEqualTo(JSON.readTree(target));
	}

	@Test
	void nullOrNothingStoredAndANullPatch() {
		assertThat(MergePatch.apply(null, JSON.readTree("{\"a\":1,\"b\":null}"))).isEqualTo(JSON.readTree("{\"a\":1}"));
		assertThat(MergePatch.apply(JSON.readTree("{\"a\":1}"), JSON.nullNode())).isNull();
	}

	@Test
	void theChangedFieldsAreThoseWhoseValueThePatchWouldChange() {
		JsonNode stored = JSON
			.readTree("{\"response\":\"theirs\",\"plan\":\"same\",\"themes\":[\"a\"],\"goal\":\"x\"}");
		JsonNode patch = JSON
			.readTree("{\"response\":\"mine\",\"plan\":\"same\",\"themes\":[\"a\"],\"goal\":null,\"absent\":null}");
		assertThat(MergePatch.changedFields(stored, patch, "progress")).containsExactly("progress.response",
				"progress.goal");
		assertThat(MergePatch.changedFields(null, patch, "progress")).containsExactly("progress.response",
				"progress.plan", "progress.themes");
		assertThat(MergePatch.changedFields(stored, JSON.nullNode(), "process")).containsExactly("process");
		assertThat(MergePatch.changedFields(null, JSON.nullNode(), "process")).isEmpty();
	}

}
