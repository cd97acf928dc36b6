package org.therapygroups.notes.sessions;

import java.util.List;

/**
 * What notes-service knows about a group, from sessions-service's events.
 *
 * @param groupId the group
 * @param programId its program
 * @param modality e.g. {@code PSYCHODYNAMIC}, {@code CBT}
 * @param facilitatorIds its facilitators now, lead first
 * @param supervisorId who co-signs notes of the other facilitators, or {@code null}
 * @param cancelled whether the group was cancelled
 */
public record GroupView(String groupId, String programId, String modality, List<String> facilitatorIds,
		String supervisorId, boolean cancelled) {

	public GroupView {
		facilitatorIds = (facilitatorIds != null) ? List.copyOf(facilitatorIds) : List.of();
	}

}
