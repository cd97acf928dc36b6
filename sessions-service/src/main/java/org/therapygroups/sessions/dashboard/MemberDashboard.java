package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * One member's attendance in one group, the last step of the drill-down.
 */
record MemberDashboard(String groupId, String programId, String patientId, String name, String status, Instant since,
		long attended, long missed, Double attendanceRate, Instant lastAttendedAt, List<VisitRow> visits) {

	record VisitRow(String sessionId, Instant startsAt, String attendance) {
	}

}
