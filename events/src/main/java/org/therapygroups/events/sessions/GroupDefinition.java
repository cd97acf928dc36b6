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
 * @param maxSize the most members the group seats (dashboards measure utilisation by it);
 * {@code null} in events published before the field existed
 * @param directorIds the directors of the program, so that other services can scope a
 * director's views to the programs they direct; added later, so empty in older events
 */
public record GroupDefinition(String programId, String name, String modality, String timeZone,
		List<Facilitator> facilitators, String supervisorId, Integer maxSize, List<String> directorIds) {

	public GroupDefinition {
		GroupEvent.requireText(programId, "programId");
		GroupEvent.requireText(name, "name");
		GroupEvent.requireText(modality, "modality");
		GroupEvent.requireText(timeZone, "timeZone");
		facilitators = (facilitators != null) ? List.copyOf(facilitators) : List.of();
		directorIds = (directorIds != null) ? List.copyOf(directorIds) : List.of();
	}

	/**
	 * A definition as events before {@code maxSize} and {@code directorIds} carried it.
	 * @param programId the program
	 * @param name the group's name
	 * @param modality the modality
	 * @param timeZone the program's zone
	 * @param facilitators the facilitators, lead first
	 * @param supervisorId the co-signing supervisor or {@code null}
	 */
	public GroupDefinition(String programId, String name, String modality, String timeZone,
			List<Facilitator> facilitators, String supervisorId) {
		this(programId, name, modality, timeZone, facilitators, supervisorId, null, List.of());
	}

}
