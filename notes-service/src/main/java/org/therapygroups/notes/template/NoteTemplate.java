package org.therapygroups.notes.template;

import java.util.List;
import java.util.Map;

/**
 * A versioned note template: which fields the group part, the progress entry (regular
 * record) and the process note (psychotherapy / SUD counselling note) have. Templates are
 * data ({@code classpath:templates/<id>-v<version>.json}); a note keeps the id and
 * version it was written with, so a new template version never changes how an old note
 * reads.
 *
 * @param id e.g. {@code psychodynamic}
 * @param version its version
 * @param modalities the group modalities it is chosen for; empty for the fallback
 * @param group fields of the group-level part
 * @param progress fields of each member's progress entry
 * @param process fields of each member's process note
 */
public record NoteTemplate(String id, int version, List<String> modalities, Map<String, FieldSpec> group,
		Map<String, FieldSpec> progress, Map<String, FieldSpec> process) {

	/** Where in a note a part's fields apply. */
	public enum Part {

		GROUP, PROGRESS, PROCESS

	}

	public Map<String, FieldSpec> fields(Part part) {
		return switch (part) {
			case GROUP -> this.group;
			case PROGRESS -> this.progress;
			case PROCESS -> this.process;
		};
	}

}
