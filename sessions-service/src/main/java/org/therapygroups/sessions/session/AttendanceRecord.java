package org.therapygroups.sessions.session;

import java.time.Instant;

import org.therapygroups.events.sessions.AttendanceStatus;

/**
 * One version of a member's attendance at a session. A correction adds a version; none is
 * ever changed or removed.
 *
 * @param patientId the member
 * @param version 1, 2, ... per member
 * @param status the attendance
 * @param minutes minutes late or left early; {@code null} for other statuses
 * @param source {@code FACILITATOR} or {@code SELF_CHECK_IN}
 * @param recordedBy who recorded it
 * @param recordedAt when
 * @param reason why it was corrected ({@code null} for the first version)
 */
public record AttendanceRecord(String patientId, int version, AttendanceStatus status, Integer minutes, String source,
		String recordedBy, Instant recordedAt, String reason) {

	public static final String FACILITATOR = "FACILITATOR";

	public static final String SELF_CHECK_IN = "SELF_CHECK_IN";

}
