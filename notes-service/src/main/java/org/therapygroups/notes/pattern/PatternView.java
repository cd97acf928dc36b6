package org.therapygroups.notes.pattern;

import java.util.List;
import java.util.Map;

/**
 * A patient's patterns across sessions.
 *
 * @param patientId the patient
 * @param notes how many signed notes were read
 * @param sessions the sessions they document, oldest first
 * @param months per month ({@code yyyy-MM}, UTC), oldest first
 */
public record PatternView(String patientId, int notes, List<String> sessions, List<Month> months) {

	/**
	 * One month.
	 *
	 * @param month {@code yyyy-MM}
	 * @param kinds {@code themes}, {@code resistance}, {@code defenses},
	 * {@code patternDomains}, {@code distortions} to their items, most frequent first
	 */
	public record Month(String month, Map<String, List<Item>> kinds) {

	}

	/**
	 * How often something came up in a month.
	 *
	 * @param value the theme, kind or distortion
	 * @param count in how many sessions
	 * @param sessions which
	 */
	public record Item(String value, int count, List<String> sessions) {

	}

}
