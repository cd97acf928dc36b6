package org.therapygroups.sessions.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.therapygroups.sessions.group.FacilitatorRole;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.GroupStatus;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.RecurrenceRule;

/**
 * A group as the API shows it: its definition and how full it is, never who its other
 * members are (that is the memberships endpoint, for staff).
 */
record GroupView(String id, String programId, String name, String modality, String openness, boolean aftercare,
		boolean selfEnrollment, int minSize, int maxSize, List<Facilitator> facilitators, String supervisorId,
		Location location, int sessionMinutes, RecurrenceRule recurrence, String rrule, String timeZone,
		GroupStatus status, Instant endedAt, int seatsTaken, int waitlisted, Long version) {

	static GroupView of(Group g) {
		return of(g, (id) -> null);
	}

	/**
	 * @param names display names by user id ({@code null} when unknown), so a patient
	 * choosing a group sees who leads it
	 */
	static GroupView of(Group g, Function<String, String> names) {
		List<Facilitator> facilitators = g.getFacilitators()
			.stream()
			.map((f) -> new Facilitator(f.therapistId(), f.role(), names.apply(f.therapistId())))
			.toList();
		return new GroupView(g.getId(), g.getProgramId(), g.getName(), g.getModality().name(), g.getOpenness().name(),
				g.isAftercare(), g.isSelfEnrollment(), g.getMinSize(), g.getMaxSize(), facilitators,
				g.getSupervisorId(), g.getLocation(), g.getSessionMinutes(), g.getRecurrence(),
				g.getRecurrence().effectiveRule(g.zone()), g.getTimeZone(), g.getStatus(), g.getEndedAt(),
				g.seatsTaken(), g.waitlist().size(), g.getVersion());
	}

	/** A facilitator with the name people know them by. */
	record Facilitator(String therapistId, FacilitatorRole role, String displayName) {
	}

}
