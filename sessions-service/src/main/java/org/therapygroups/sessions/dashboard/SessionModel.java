package org.therapygroups.sessions.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One session as the dashboards know it from the events: when, its state, each member's
 * current attendance and its note's documentation status. The group-month figures are
 * derived from these documents, so a replayed event rewrites the same values.
 *
 * @param id the session id
 * @param groupId its group
 * @param startsAt start, {@code null} while only a note event has been seen
 * @param endsAt end
 * @param status {@link #SCHEDULED}, {@link #STARTED}, {@link #COMPLETED} or
 * {@link #CANCELLED}
 * @param attendance patient id to current attendance
 * @param note the documentation status, {@code null} before the session completed
 * @param monthKey the group-month document the session is counted in, if any
 */
@Document("dashboard_sessions")
record SessionModel(@Id String id, String groupId, Instant startsAt, Instant endsAt, String status,
		Map<String, Seat> attendance, Note note, String monthKey) {

	static final String SCHEDULED = "SCHEDULED";

	static final String STARTED = "STARTED";

	static final String COMPLETED = "COMPLETED";

	static final String CANCELLED = "CANCELLED";

	/** Notes are due within 72 hours of the session's end. */
	static final Duration NOTE_DUE = Duration.ofHours(72);

	SessionModel {
		attendance = (attendance != null) ? new LinkedHashMap<>(attendance) : new LinkedHashMap<>();
		status = (status != null) ? status : SCHEDULED;
	}

	static SessionModel empty(String id, String groupId) {
		return new SessionModel(id, groupId, null, null, SCHEDULED, null, null, null);
	}

	boolean held() {
		return STARTED.equals(this.status) || COMPLETED.equals(this.status)
				|| this.attendance.values().stream().anyMatch((seat) -> !"NOT_RECORDED".equals(seat.status()));
	}

	SessionModel scheduled(Instant startsAt, Instant endsAt) {
		return new SessionModel(this.id, this.groupId, startsAt, endsAt, this.status, this.attendance, this.note,
				this.monthKey);
	}

	SessionModel withStatus(String status) {
		return new SessionModel(this.id, this.groupId, this.startsAt, this.endsAt, status, this.attendance, this.note,
				this.monthKey);
	}

	/**
	 * A later version replaces an earlier one; a replayed or older one changes nothing.
	 */
	SessionModel attended(String patientId, String status, int version) {
		Seat current = this.attendance.get(patientId);
		if (current != null && current.version() > version) {
			return this;
		}
		Map<String, Seat> attendance = new LinkedHashMap<>(this.attendance);
		attendance.put(patientId, new Seat(status, version));
		return new SessionModel(this.id, this.groupId, this.startsAt, this.endsAt, this.status, attendance, this.note,
				this.monthKey);
	}

	SessionModel withNote(Note note) {
		return new SessionModel(this.id, this.groupId, this.startsAt, this.endsAt, this.status, this.attendance, note,
				this.monthKey);
	}

	SessionModel countedIn(String monthKey) {
		return new SessionModel(this.id, this.groupId, this.startsAt, this.endsAt, this.status, this.attendance,
				this.note, monthKey);
	}

	/**
	 * A member's attendance.
	 *
	 * @param status an {@link org.therapygroups.events.sessions.AttendanceStatus} name
	 * @param version the attendance version it came with
	 */
	record Seat(String status, int version) {
	}

	/**
	 * The session note's documentation status (never its content).
	 *
	 * @param status {@code DRAFT}, {@code SIGNED}, {@code CO_SIGNED}, {@code VOIDED}, or
	 * {@code DUE} before notes-service opened a draft
	 * @param deadline 72 hours after the session's end
	 * @param signedAt when it was signed, {@code null} if not (or voided)
	 */
	record Note(String status, Instant deadline, Instant signedAt) {

		static Note due(Instant sessionEndsAt) {
			return new Note("DUE", sessionEndsAt.plus(NOTE_DUE), null);
		}

	}

}
