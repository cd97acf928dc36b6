package org.therapygroups.sessions.scheduling;

import java.time.Instant;
import java.util.List;

import org.therapygroups.sessions.group.FacilitatorAssignment;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.GroupStatus;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.RecurrenceRule;

/**
 * A group as the API shows it: its definition and how full it is, never who its other
 * members are (that is the memberships endpoint, for staff).
 */
record GroupView(String id, String programId, String name, String modality, String openness, boolean aftercare,
		boolean selfEnrollment, int minSize, int maxSize, List<FacilitatorAssignment> facilitators, String supervisorId,
		Location location, int sessionMinutes, RecurrenceRule recurrence, String rrule, String timeZone,
		GroupStatus status, Instant endedAt, int seatsTaken, int waitlisted, Long version) {

	static GroupView of(Group g) {
		return new GroupView(g.getId(), g.getProgramId(), g.getName(), g.getModality().name(), g.getOpenness().name(),
				g.isAftercare(), g.isSelfEnrollment(), g.getMinSize(), g.getMaxSize(), g.getFacilitators(),
				g.getSupervisorId(), g.getLocation(), g.getSessionMinutes(), g.getRecurrence(),
				g.getRecurrence().effectiveRule(g.zone()), g.getTimeZone(), g.getStatus(), g.getEndedAt(),
				g.seatsTaken(), g.waitlist().size(), g.getVersion());
	}

}
