package org.therapygroups.sessions.dashboard;

import java.util.Map;

import org.therapygroups.events.sessions.AttendanceStatus;

/**
 * The additive figures of one session, summed for any group, program, week or month.
 * Attended counts everyone who came, late and left early included; those two are also
 * counted on their own.
 *
 * @param sessionsScheduled sessions not cancelled
 * @param sessionsHeld sessions that took place (started, completed or with attendance)
 * @param sessionsCancelled cancelled sessions
 * @param seatsScheduled the groups' capacity summed over the sessions not cancelled
 * @param seatsHeld capacity summed over the sessions held
 * @param attended present, late or left early
 * @param late arrived late
 * @param leftEarly left before the end
 * @param noShow did not come and gave no notice
 * @param cancelled cancelled in time by the patient or for them by the clinician
 * @param lateCancelled cancelled with less than 24 hours' notice
 * @param excused excused absences
 * @param notesSignedOnTime notes signed within 72 hours of the session's end
 * @param notesSignedLate notes signed later than that
 * @param notesUnsigned held sessions whose note is not signed (yet)
 */
public record Counts(long sessionsScheduled, long sessionsHeld, long sessionsCancelled, long seatsScheduled,
		long seatsHeld, long attended, long late, long leftEarly, long noShow, long cancelled, long lateCancelled,
		long excused, long notesSignedOnTime, long notesSignedLate, long notesUnsigned) {

	public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * The figures of one session.
	 * @param session the session as the read model knows it
	 * @param capacity the group's maximum size, or {@code null} if unknown (the roster
	 * size stands in)
	 * @return its counts
	 */
	static Counts of(SessionModel session, Integer capacity) {
		if (SessionModel.CANCELLED.equals(session.status())) {
			return new Counts(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		}
		long attended = 0;
		long late = 0;
		long leftEarly = 0;
		long noShow = 0;
		long cancelled = 0;
		long lateCancelled = 0;
		long excused = 0;
		for (Map.Entry<String, SessionModel.Seat> seat : session.attendance().entrySet()) {
			switch (status(seat.getValue().status())) {
				case PRESENT -> attended++;
				case LATE -> {
					attended++;
					late++;
				}
				case LEFT_EARLY -> {
					attended++;
					leftEarly++;
				}
				case NO_SHOW -> noShow++;
				case CANCELLED_BY_PATIENT, CANCELLED_BY_CLINICIAN -> cancelled++;
				case LATE_CANCELLATION -> lateCancelled++;
				case EXCUSED -> excused++;
				default -> {
					// not recorded: neither present nor absent
				}
			}
		}
		long seats = (capacity != null) ? capacity : session.attendance().size();
		boolean held = session.held();
		SessionModel.Note note = session.note();
		boolean signed = note != null && note.signedAt() != null;
		boolean onTime = signed && (note.deadline() == null || !note.signedAt().isAfter(note.deadline()));
		return new Counts(1, held ? 1 : 0, 0, seats, held ? seats : 0, attended, late, leftEarly, noShow, cancelled,
				lateCancelled, excused, (signed && onTime) ? 1 : 0, (signed && !onTime) ? 1 : 0,
				(held && !signed) ? 1 : 0);
	}

	static AttendanceStatus status(String name) {
		try {
			return AttendanceStatus.valueOf(name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return AttendanceStatus.UNKNOWN;
		}
	}

	public Counts plus(Counts o) {
		return new Counts(this.sessionsScheduled + o.sessionsScheduled, this.sessionsHeld + o.sessionsHeld,
				this.sessionsCancelled + o.sessionsCancelled, this.seatsScheduled + o.seatsScheduled,
				this.seatsHeld + o.seatsHeld, this.attended + o.attended, this.late + o.late,
				this.leftEarly + o.leftEarly, this.noShow + o.noShow, this.cancelled + o.cancelled,
				this.lateCancelled + o.lateCancelled, this.excused + o.excused,
				this.notesSignedOnTime + o.notesSignedOnTime, this.notesSignedLate + o.notesSignedLate,
				this.notesUnsigned + o.notesUnsigned);
	}

	/** Everyone with a recorded outcome: the base of the attendance and no-show rates. */
	public long recorded() {
		return this.attended + this.noShow + this.cancelled + this.lateCancelled + this.excused;
	}

}
