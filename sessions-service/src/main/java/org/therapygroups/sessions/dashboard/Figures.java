package org.therapygroups.sessions.dashboard;

/**
 * The figures a dashboard shows for a selection of sessions and members. Rates are
 * fractions between 0 and 1, {@code null} when their base is zero.
 *
 * @param sessionsScheduled sessions not cancelled
 * @param sessionsHeld sessions that took place
 * @param sessionsCancelled cancelled sessions
 * @param seatsScheduled capacity over the sessions not cancelled
 * @param attended came (late and left early included)
 * @param late came late
 * @param leftEarly left early
 * @param noShow did not come, no notice
 * @param cancelled cancelled in time (by the patient or the clinician)
 * @param lateCancelled cancelled with less than 24 hours' notice
 * @param excused excused
 * @param attendanceRate attended ÷ everyone with a recorded outcome
 * @param noShowRate no-shows ÷ everyone with a recorded outcome
 * @param utilisation attended ÷ capacity of the sessions held
 * @param averageGroupSize attended ÷ sessions held
 * @param notesSignedWithin72h notes signed within 72 hours of the session's end
 * @param notesSignedLate notes signed after that
 * @param notesOverdue held sessions whose note is unsigned past its deadline now
 * @param members membership figures, {@code null} at session level
 */
public record Figures(long sessionsScheduled, long sessionsHeld, long sessionsCancelled, long seatsScheduled,
		long attended, long late, long leftEarly, long noShow, long cancelled, long lateCancelled, long excused,
		Double attendanceRate, Double noShowRate, Double utilisation, Double averageGroupSize,
		long notesSignedWithin72h, long notesSignedLate, long notesOverdue, MemberFigures members) {

	static Figures of(Counts c, long notesOverdue, MemberFigures members) {
		return new Figures(c.sessionsScheduled(), c.sessionsHeld(), c.sessionsCancelled(), c.seatsScheduled(),
				c.attended(), c.late(), c.leftEarly(), c.noShow(), c.cancelled(), c.lateCancelled(), c.excused(),
				ratio(c.attended(), c.recorded()), ratio(c.noShow(), c.recorded()), ratio(c.attended(), c.seatsHeld()),
				ratio(c.attended(), c.sessionsHeld()), c.notesSignedOnTime(), c.notesSignedLate(), notesOverdue,
				members);
	}

	static Double ratio(long part, long whole) {
		return (whole == 0) ? null : Math.round(part * 10000.0 / whole) / 10000.0;
	}

	/**
	 * Membership over the range.
	 *
	 * @param newMembers episodes that became a membership in the range
	 * @param activeMembers members (active or on hold) now
	 * @param retention4Weeks of the members who joined in the range at least 4 weeks ago,
	 * the share still a member 4 weeks after joining
	 * @param retention8Weeks the same after 8 weeks
	 * @param retention12Weeks the same after 12 weeks
	 * @param waitlistLength patients on a waitlist now
	 * @param averageWaitDays average days on the waitlist of those promoted in the range
	 */
	public record MemberFigures(long newMembers, long activeMembers, Double retention4Weeks, Double retention8Weeks,
			Double retention12Weeks, long waitlistLength, Double averageWaitDays) {
	}

}
