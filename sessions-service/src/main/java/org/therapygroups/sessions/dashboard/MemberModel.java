package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One patient in one group: membership status and every session's attendance, the input
 * of the engagement rules and of the member drill-down.
 *
 * @param id {@code <groupId>|<patientId>}
 * @param groupId the group
 * @param programId its program
 * @param patientId the patient
 * @param status the latest episode's status ({@code WAITLISTED}, {@code ACTIVE},
 * {@code ON_HOLD}, {@code LEFT}, {@code DISCHARGED})
 * @param since when the latest episode began as a membership
 * @param visits session id to attendance
 */
@Document("dashboard_members")
public record MemberModel(@Id String id, String groupId, String programId, String patientId, String status,
		Instant since, Map<String, Visit> visits) {

	public MemberModel {
		visits = (visits != null) ? new LinkedHashMap<>(visits) : new LinkedHashMap<>();
	}

	static String key(String groupId, String patientId) {
		return groupId + "|" + patientId;
	}

	public boolean active() {
		return "ACTIVE".equals(this.status);
	}

	/** Visits in the order of the sessions. */
	public List<Visit> chronological() {
		return this.visits.values()
			.stream()
			.filter((visit) -> visit.startsAt() != null)
			.sorted(Comparator.comparing(Visit::startsAt))
			.toList();
	}

	/**
	 * The start of the last session attended.
	 * @return it, or {@code null} if none was attended
	 */
	public Instant lastAttendedAt() {
		Instant last = null;
		for (Visit visit : this.visits.values()) {
			if (visit.attended() && visit.startsAt() != null && (last == null || visit.startsAt().isAfter(last))) {
				last = visit.startsAt();
			}
		}
		return last;
	}

	/**
	 * One session's attendance.
	 *
	 * @param startsAt when the session started
	 * @param status the attendance status name
	 */
	public record Visit(Instant startsAt, String status) {

		public boolean attended() {
			return "PRESENT".equals(this.status) || "LATE".equals(this.status) || "LEFT_EARLY".equals(this.status);
		}

		/** Missed without an excuse: no-show or a cancellation by the patient. */
		public boolean missed() {
			return "NO_SHOW".equals(this.status) || "LATE_CANCELLATION".equals(this.status)
					|| "CANCELLED_BY_PATIENT".equals(this.status);
		}

	}

}
