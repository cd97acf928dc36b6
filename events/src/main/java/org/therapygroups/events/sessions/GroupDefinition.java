package org.therapygroups.events.sessions;

import java.util.List;

/**
 * The non-clinical facts about a group that other services need: which program it belongs
 * to, its modality (notes-service chooses the note template by it), who facilitates it
 * and who co-signs its notes.
 *
 * @param programId the program
 * @param name the group's name, e.g. "Tuesday aftercare"
 * @param modality e.g. {@code PSYCHODYNAMIC}, {@code CBT}; an open set
 * @param timeZone the program's IANA time zone
 * @param facilitators the facilitators, lead first
 * @param supervisorId the clinician who co-signs notes written by the other facilitators,
 * or {@code null} when none is needed
 */
public record GroupDefinition(String programId, String name, String modality, String timeZone,
		List<Facilitator> facilitators, String supervisorId) {

	public GroupDefinition {
		GroupEvent.requireText(programId, "programId");
		GroupEvent.requireText(name, "name");
		GroupEvent.requireText(modality, "modality");
		GroupEvent.requireText(timeZone, "timeZone");
		facilitators = (facilitators != null) ? List.copyOf(facilitators) : List.of();
	}

}
