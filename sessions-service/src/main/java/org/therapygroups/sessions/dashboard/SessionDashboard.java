package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * One session's figures and each member's attendance.
 */
record SessionDashboard(String sessionId, String groupId, String programId, Instant startsAt, Instant endsAt,
		String status, String noteStatus, Instant noteDueBy, Figures figures, List<MemberRow> members) {

	record MemberRow(String patientId, String name, String attendance, int version) {
	}

}
