package org.therapygroups.events.sessions;

/**
 * One member of a session's roster and their attendance.
 *
 * @param patientId the patient's user id (Keycloak user id)
 * @param attendance the recorded attendance
 */
public record RosterEntry(String patientId, AttendanceStatus attendance) {

	public RosterEntry {
		if (patientId == null || patientId.isBlank()) {
			throw new IllegalArgumentException("patientId must not be blank");
		}
		if (attendance == null) {
			attendance = AttendanceStatus.NOT_RECORDED;
		}
	}

}
