package org.therapygroups.sessions.attendance;

import java.time.Instant;

import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.sessions.session.AttendanceRecord;

/**
 * A member's current attendance at a session ({@code NOT_RECORDED} with version 0 when
 * nothing was recorded yet).
 */
record AttendanceView(String sessionId, String patientId, AttendanceStatus status, Integer minutes, int version,
		String source, String recordedBy, Instant recordedAt, String reason) {

	static AttendanceView of(String sessionId, AttendanceRecord record) {
		return new AttendanceView(sessionId, record.patientId(), record.status(), record.minutes(), record.version(),
				record.source(), record.recordedBy(), record.recordedAt(), record.reason());
	}

	static AttendanceView notRecorded(String sessionId, String patientId) {
		return new AttendanceView(sessionId, patientId, AttendanceStatus.NOT_RECORDED, null, 0, null, null, null, null);
	}

}
