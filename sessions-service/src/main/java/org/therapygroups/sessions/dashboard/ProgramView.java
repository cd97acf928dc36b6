package org.therapygroups.sessions.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * A program's figures: totals, per period and per group (the first step of the
 * drill-down).
 *
 * @param programId the program
 * @param name its name
 * @param from first day
 * @param to last day
 * @param groupBy how periods are cut
 * @param totals all selected groups together
 * @param periods per week or month
 * @param groups per group
 */
record ProgramView(String programId, String name, LocalDate from, LocalDate to, String groupBy, Figures totals,
		List<PeriodRow> periods, List<GroupRow> groups) {

	record PeriodRow(String period, LocalDate start, Figures figures) {
	}

	record GroupRow(String groupId, String name, String modality, List<String> facilitatorIds, Figures figures) {
	}

}
