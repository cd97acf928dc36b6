package org.therapygroups.sessions.dashboard;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Dashboard rows as RFC 4180 CSV with a fixed column order. */
final class CsvExport {

	static final String HEADER = "program_id,group_id,group_name,modality,period,period_start,sessions_scheduled,"
			+ "sessions_held,sessions_cancelled,seats_scheduled,attended,late,left_early,no_show,cancelled,"
			+ "late_cancelled,excused,attendance_rate,no_show_rate,utilisation,average_group_size,"
			+ "notes_signed_within_72h,notes_signed_late,notes_overdue";

	private CsvExport() {
	}

	static void write(List<Dashboards.ExportRow> rows, PrintWriter out) {
		out.print(HEADER);
		out.print("\r\n");
		for (Dashboards.ExportRow row : rows) {
			Figures f = row.figures();
			out.print(String.join(",", cell(row.programId()), cell(row.groupId()), cell(row.groupName()),
					cell(row.modality()), cell(row.period()), row.periodStart().toString(),
					Long.toString(f.sessionsScheduled()), Long.toString(f.sessionsHeld()),
					Long.toString(f.sessionsCancelled()), Long.toString(f.seatsScheduled()),
					Long.toString(f.attended()), Long.toString(f.late()), Long.toString(f.leftEarly()),
					Long.toString(f.noShow()), Long.toString(f.cancelled()), Long.toString(f.lateCancelled()),
					Long.toString(f.excused()), number(f.attendanceRate()), number(f.noShowRate()),
					number(f.utilisation()), number(f.averageGroupSize()), Long.toString(f.notesSignedWithin72h()),
					Long.toString(f.notesSignedLate()), Long.toString(f.notesOverdue())));
			out.print("\r\n");
		}
	}

	private static String number(Double value) {
		return (value == null) ? "" : String.format(Locale.ROOT, "%.4f", value);
	}

	/**
	 * Quotes a text cell when needed, and defuses a leading formula character so a
	 * spreadsheet does not execute a group name.
	 */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String text = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
