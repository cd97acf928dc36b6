package org.therapygroups.notes.note;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;

/**
 * Clinical content that goes into an answer as it is, and nowhere else: a problem's
 * members are plain objects that a framework may write into a log line by their
 * {@code toString()}, which here names nothing.
 *
 * @param content what the answer shows
 */
record ClinicalContent(@JsonValue JsonNode content) {

	@Override
	public String toString() {
		return "[clinical content]";
	}

}
