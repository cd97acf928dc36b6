package org.therapygroups.events.sessions;

import java.util.List;

/**
 * The non-clinical facts about a group that other services need: which program it belongs
 * to and who directs that program, its modality (notes-service chooses the note template
 * by it), who facilitates it and who co-signs its notes.
 *
 * @param programId the program
 * @param name the group's name, e.g. "Tuesday aftercare"
 * @param modality e.g. {@code PSYCHODYNAMIC}, {@code CBT}; an open set
 * @param timeZone the program's IANA time zone
 * @param facilitators the facilitators, lead first
 * @param supervisorId the clinician who co-signs notes written by the other facilitators,
 * or {@code null} when none is needed
 * @param directorIds the directors of the program, so that other services can scope a
 * director's views to the programs they direct; added later, so empty in older events
 */
public record GroupDefinition(String programId, String name, String modality, String timeZone,
		List<Facilitator> facilitators, String supervisorId, List<String> directorIds) {

	public GroupDefinition {
		GroupEvent.requireText(programId, "programId");
		GroupEvent.requireText(name, "name");
		GroupEvent.requireText(modality, "modality");
		GroupEvent.requireText(timeZone, "timeZone");
		facilitators = (facilitators != null) ? List.copyOf(facilitators) : List.of();
		directorIds = (directorIds != null) ? List.copyOf(directorIds) : List.of();
	}

	/** A definition that does not name the program's directors. */
	public GroupDefinition(String programId, String name, String modality, String timeZone,
			List<Facilitator> facilitators, String supervisorId) {
		this(programId, name, modality, timeZone, facilitators, supervisorId, List.of());
	}

}
