package org.therapygroups.notes.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

import org.therapygroups.platform.problem.FieldError;

/**
 * Checks submitted content against a template and reads the values that feed the patterns
 * across sessions. Messages name the rule, never the value.
 */
public final class TemplateValidator {

	private TemplateValidator() {
	}

	/**
	 * Validates one part.
	 * @param fields the part's fields in the template
	 * @param content the submitted part (an object; {@code null} means empty)
	 * @param path the part's path, prefix of every error
	 * @return the errors, empty if valid
	 */
	public static List<FieldError> validate(Map<String, FieldSpec> fields, JsonNode content, String path) {
		List<FieldError> errors = new ArrayList<>();
		if (content == null || content.isNull() || content.isMissingNode()) {
			return errors;
		}
		object(new FieldSpec("object", null, null, null, null, fields, null, null, null), content, path, errors);
		return errors;
	}

	private static void check(FieldSpec spec, JsonNode value, String path, List<FieldError> errors) {
		if (value == null || value.isNull()) {
			return;
		}
		switch (spec.type()) {
			case "text" -> {
				if (!value.isString()) {
					errors.add(new FieldError(path, "must be text"));
				}
				else if (spec.max() != null && value.stringValue().length() > spec.max()) {
					errors.add(new FieldError(path, "must be at most " + spec.max() + " characters"));
				}
			}
			case "int" -> {
				if (!value.isIntegralNumber() || !value.canConvertToInt()) {
					errors.add(new FieldError(path, "must be a whole number"));
				}
				else if ((spec.min() != null && value.intValue() < spec.min())
						|| (spec.maxValue() != null && value.intValue() > spec.maxValue())) {
					errors.add(new FieldError(path, "must be between " + spec.min() + " and " + spec.maxValue()));
				}
			}
			case "enum" -> {
				if (!value.isString() || !spec.values().contains(value.stringValue())) {
					errors.add(new FieldError(path, "must be one of " + String.join(", ", spec.values())));
				}
			}
			case "enumSet" -> strings(spec, value, path, errors, true);
			case "tags" -> strings(spec, value, path, errors, false);
			case "object" -> object(spec, value, path, errors);
			case "list" -> {
				if (!value.isArray()) {
					errors.add(new FieldError(path, "must be a list"));
					return;
				}
				if (spec.max() != null && value.size() > spec.max()) {
					errors.add(new FieldError(path, "must have at most " + spec.max() + " elements"));
				}
				for (int i = 0; i < value.size(); i++) {
					check(spec.items(), value.get(i), path + "[" + i + "]", errors);
				}
			}
			default -> throw new IllegalStateException("unknown template field type " + spec.type());
		}
	}

	private static void object(FieldSpec spec, JsonNode value, String path, List<FieldError> errors) {
		if (!value.isObject()) {
			errors.add(new FieldError(path, "must be an object"));
			return;
		}
		for (Map.Entry<String, JsonNode> property : value.properties()) {
			FieldSpec field = spec.fields().get(property.getKey());
			String fieldPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
			if (field == null) {
				errors.add(new FieldError(fieldPath, "is not a field of this template"));
			}
			else {
				check(field, property.getValue(), fieldPath, errors);
			}
		}
		if (spec.required() != null) {
			for (String required : spec.required()) {
				JsonNode present = value.get(required);
				if (present == null || present.isNull() || (present.isString() && present.stringValue().isBlank())) {
					errors.add(new FieldError(path + "." + required, "is required"));
				}
			}
		}
	}

	private static void strings(FieldSpec spec, JsonNode value, String path, List<FieldError> errors,
			boolean fixedList) {
		if (!value.isArray()) {
			errors.add(new FieldError(path, "must be a list"));
			return;
		}
		if (spec.max() != null && value.size() > spec.max()) {
			errors.add(new FieldError(path, "must have at most " + spec.max() + " elements"));
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < value.size(); i++) {
			JsonNode element = value.get(i);
			String elementPath = path + "[" + i + "]";
			if (!element.isString() || element.stringValue().isBlank()) {
				errors.add(new FieldError(elementPath, "must be non-empty text"));
			}
			else if (fixedList && !spec.values().contains(element.stringValue())) {
				errors.add(new FieldError(elementPath, "must be one of " + String.join(", ", spec.values())));
			}
			else if (!fixedList && element.stringValue().length() > 100) {
				errors.add(new FieldError(elementPath, "must be at most 100 characters"));
			}
			else if (!seen.add(element.stringValue())) {
				errors.add(new FieldError(elementPath, "is given twice"));
			}
		}
	}

	/**
	 * The values of a valid part that feed the patterns across sessions.
	 * @param fields the part's fields
	 * @param content the part
	 * @return pattern kind (e.g. {@code defense}) to values, in order of appearance
	 */
	public static Map<String, List<String>> patterns(Map<String, FieldSpec> fields, JsonNode content) {
		Map<String, List<String>> found = new LinkedHashMap<>();
		if (content != null && content.isObject()) {
			walk(new FieldSpec("object", null, null, null, null, fields, null, null, null), content,
					(kind, value) -> found.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(value));
		}
		return found;
	}

	private static void walk(FieldSpec spec, JsonNode value, BiConsumer<String, String> sink) {
		if (value == null || value.isNull()) {
			return;
		}
		if (spec.pattern() != null) {
			if (value.isArray()) {
				value.values().forEach((element) -> sink.accept(spec.pattern(), element.asString()));
			}
			else if (value.isString()) {
				sink.accept(spec.pattern(), value.stringValue());
			}
			return;
		}
		if ("object".equals(spec.type()) && value.isObject()) {
			spec.fields().forEach((name, field) -> walk(field, value.get(name), sink));
		}
		else if ("list".equals(spec.type()) && value.isArray()) {
			value.values().forEach((element) -> walk(spec.items(), element, sink));
		}
	}

	/**
	 * Every text of a part, to check that a member's entry names no other member.
	 * @param content the part
	 * @return its strings
	 */
	public static List<String> texts(JsonNode content) {
		List<String> texts = new ArrayList<>();
		collect(content, texts);
		return texts;
	}

	private static void collect(JsonNode node, List<String> texts) {
		if (node == null) {
			return;
		}
		if (node.isString()) {
			texts.add(node.stringValue());
		}
		else if (node.isContainer()) {
			node.values().forEach((child) -> collect(child, texts));
		}
	}

}
