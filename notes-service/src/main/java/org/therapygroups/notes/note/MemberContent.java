package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.therapygroups.notes.template.TemplateValidator;

/**
 * What a facilitator writes about one member of a session.
 *
 * @param progress the progress entry (regular record, which the patient may read once
 * signed)
 * @param process the process note (psychotherapy / SUD counselling note), or {@code null}
 */
public record MemberContent(JsonNode progress, JsonNode process) {

	List<String> texts() {
		List<String> texts = new ArrayList<>(TemplateValidator.texts(this.progress));
		texts.addAll(TemplateValidator.texts(this.process));
		return texts;
	}

}
