package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A member's attendance at a session was recorded for the first time. Subject: the
 * session id; key: the group id. The reason for a correction stays in sessions-service.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param patientId the member
 * @param status the attendance
 * @param minutes minutes late or left early, {@code null} otherwise
 * @param version 1 for the first record, then one more per correction
 * @param source {@code FACILITATOR} or {@code SELF_CHECK_IN}
 * @param actorId who recorded it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.ATTENDANCE_RECORDED)
public record AttendanceRecorded(String sessionId, String groupId, String patientId, AttendanceStatus status,
		Integer minutes, int version, String source, String actorId, Instant occurredAt) implements GroupEvent {

	public AttendanceRecorded {
		GroupEvent.requireText(sessionId, "sessionId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireText(patientId, "patientId");
		GroupEvent.requireValue(status, "status");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.sessionId;
	}

}
