package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A session ended. notes-service opens a draft note from it (roster and attendance).
 * Subject: the session id; partition key: the group id. Contains ids, times and statuses
 * only: no clinical text.
 *
 * @param sessionId the session (single occurrence) id
 * @param groupId the group the session belongs to
 * @param programId the program the group belongs to
 * @param modality the group's modality as sessions-service names it, e.g.
 * {@code PSYCHODYNAMIC} or {@code CBT}; an open set, so consumers must handle values they
 * do not know (e.g. with a generic note template)
 * @param startsAt when the session started (as scheduled or as actually started)
 * @param endsAt when it ended
 * @param roster the members at the time of the session with their attendance; each
 * patient at most once
 * @param facilitatorIds the therapists facilitating the group when the session ended
 * (lead first)
 */
@EventType(EventTypes.Sessions.SESSION_COMPLETED)
public record SessionCompleted(String sessionId, String groupId, String programId, String modality, Instant startsAt,
		Instant endsAt, List<RosterEntry> roster, List<String> facilitatorIds) implements EventPayload {

	public SessionCompleted {
		requireText(sessionId, "sessionId");
		requireText(groupId, "groupId");
		requireText(programId, "programId");
		requireText(modality, "modality");
		if (startsAt == null || endsAt == null) {
			throw new IllegalArgumentException("startsAt and endsAt must not be null");
		}
		if (endsAt.isBefore(startsAt)) {
			throw new IllegalArgumentException("endsAt must not be before startsAt");
		}
		roster = (roster != null) ? roster : List.of();
		Set<String> patients = new HashSet<>();
		for (RosterEntry entry : roster) {
			if (entry == null) {
				throw new IllegalArgumentException("roster must not contain null entries");
			}
			if (!patients.add(entry.patientId())) {
				throw new IllegalArgumentException("patient " + entry.patientId() + " is on the roster twice");
			}
		}
		roster = List.copyOf(roster);
		facilitatorIds = (facilitatorIds != null) ? List.copyOf(facilitatorIds) : List.of();
	}

	@Override
	public String aggregateId() {
		return this.sessionId;
	}

	@Override
	public String partitionKey() {
		return this.groupId;
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
