package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.therapygroups.notes.template.TemplateValidator;

/**
 * What a facilitator writes about one member of a session. In a save each part is a JSON
 * Merge Patch (RFC 7396) of what is stored: {@code null} (absent) leaves the part as it
 * is, JSON {@code null} removes it.
 *
 * @param progress the progress entry (regular record, which the patient may read once
 * signed)
 * @param process the process note (psychotherapy / SUD counselling note)
 */
public record MemberContent(JsonNode progress, JsonNode process) {

	List<String> texts() {
		List<String> texts = new ArrayList<>(TemplateValidator.texts(this.progress));
		texts.addAll(TemplateValidator.texts(this.process));
		return texts;
	}

}
