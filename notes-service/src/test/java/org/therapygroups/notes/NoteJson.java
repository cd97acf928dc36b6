package org.therapygroups.notes;

import tools.jackson.databind.json.JsonMapper;

/** JSON for test request bodies. */
public final class NoteJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NoteJson() {
	}

	public static String write(Object body) {
		return JSON.writeValueAsString(body);
	}

}
