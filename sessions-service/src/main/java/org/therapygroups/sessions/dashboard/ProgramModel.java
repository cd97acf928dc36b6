package org.therapygroups.sessions.dashboard;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The groups of a program, so that a program's figures are read by document id.
 *
 * @param id the program id
 * @param groupIds its groups in order of creation
 */
@Document("dashboard_programs")
record ProgramModel(@Id String id, Set<String> groupIds) {

	ProgramModel {
		groupIds = (groupIds != null) ? new LinkedHashSet<>(groupIds) : new LinkedHashSet<>();
	}

}
