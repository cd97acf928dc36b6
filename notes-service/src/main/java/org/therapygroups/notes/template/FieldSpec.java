package org.therapygroups.notes.template;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field of a note template.
 *
 * @param type {@code text}, {@code tags}, {@code enum}, {@code enumSet}, {@code int},
 * {@code object} or {@code list}
 * @param max longest text, or most elements of a list, tags or enum set
 * @param min smallest number ({@code int})
 * @param maxValue largest number ({@code int})
 * @param values the allowed values of {@code enum} and {@code enumSet}
 * @param fields the fields of an {@code object}
 * @param items the element of a {@code list}
 * @param required fields an {@code object} must have
 * @param pattern whether the value feeds the patterns across sessions, and as what:
 * {@code theme}, {@code resistance}, {@code defense}, {@code patternDomain} or
 * {@code distortion}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSpec(String type, Integer max, Integer min, Integer maxValue, List<String> values,
		Map<String, FieldSpec> fields, FieldSpec items, List<String> required, String pattern) {

}
