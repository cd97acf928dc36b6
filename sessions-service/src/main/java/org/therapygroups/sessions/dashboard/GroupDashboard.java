package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A group's figures, per period and per session.
 */
record GroupDashboard(String groupId, String programId, String name, String modality, List<String> facilitatorIds,
		Integer maxSize, LocalDate from, LocalDate to, String groupBy, Figures totals,
		List<ProgramView.PeriodRow> periods, List<SessionRow> sessions) {

	record SessionRow(String sessionId, Instant startsAt, LocalDate day, String status, Figures figures) {
	}

}
