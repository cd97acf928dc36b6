package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396) on a note's part: a field present in the patch replaces the
 * stored one (an object is merged field by field, an array is replaced whole), a field
 * set to {@code null} is removed, a field the patch does not name stays as stored.
 */
final class MergePatch {

	private MergePatch() {
	}

	/**
	 * Applies a patch; neither argument is changed.
	 * @param target the stored content, or {@code null} if there is none
	 * @param patch the patch; {@code null} or JSON {@code null} removes the whole content
	 * @return the patched content, or {@code null} if nothing is left
	 */
	static JsonNode apply(JsonNode target, JsonNode patch) {
		if (patch == null || patch.isNull() || patch.isMissingNode()) {
			return null;
		}
		if (!patch.isObject()) {
			return patch.deepCopy();
		}
		ObjectNode result = (target != null && target.isObject()) ? (ObjectNode) target.deepCopy()
				: JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> field : patch.properties()) {
			JsonNode value = apply(result.get(field.getKey()), field.getValue());
			if (value == null) {
				result.remove(field.getKey());
			}
			else {
				result.set(field.getKey(), value);
			}
		}
		return result;
	}

	/**
	 * The fields a patch would change in the content as it is stored now, by path: for a
	 * patch that is an object its top-level fields ({@code progress.response}), else the
	 * part itself ({@code progress}).
	 * @param stored the content as stored now, or {@code null}
	 * @param patch the caller's patch of that part
	 * @param path the part's path, e.g. {@code progress} or {@code group}
	 * @return the paths, in the patch's order
	 */
	static List<String> changedFields(JsonNode stored, JsonNode patch, String path) {
		List<String> changed = new ArrayList<>();
		JsonNode current = absentIfNull(stored);
		if (patch != null && patch.isObject() && (current == null || current.isObject())) {
			for (Map.Entry<String, JsonNode> field : patch.properties()) {
				JsonNode before = (current != null) ? absentIfNull(current.get(field.getKey())) : null;
				if (!Objects.equals(before, apply(before, field.getValue()))) {
					changed.add(path + "." + field.getKey());
				}
			}
		}
		else if (!Objects.equals(current, apply(current, patch))) {
			changed.add(path);
		}
		return changed;
	}

	private static JsonNode absentIfNull(JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null : node;
	}

}
