package org.therapygroups.sessions.dashboard;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import org.therapygroups.platform.problem.Violations;

/**
 * What a dashboard request asks for: a date range (inclusive, in the program's zone),
 * optional filters and how to split the range into periods.
 *
 * @param from first day
 * @param to last day
 * @param groupBy {@code WEEK}, {@code MONTH} or {@code NONE}
 * @param groupId only this group, or {@code null}
 * @param facilitatorId only groups this therapist facilitates, or {@code null}
 * @param modality only groups of this modality, or {@code null}
 */
record Selection(LocalDate from, LocalDate to, Period groupBy, String groupId, String facilitatorId, String modality) {

	/** Longest range one request may cover. */
	static final int MAX_DAYS = 3 * 366;

	enum Period {

		WEEK, MONTH, NONE

	}

	static Selection parse(String from, String to, String groupBy, String groupId, String facilitatorId,
			String modality, LocalDate today) {
		Violations violations = new Violations();
		LocalDate last = (to == null || to.isBlank()) ? today : date("to", to, violations);
		LocalDate first = (from == null || from.isBlank()) ? ((last != null) ? last.minusWeeks(12).plusDays(1) : null)
				: date("from", from, violations);
		if (first != null && last != null && first.isAfter(last)) {
			violations.add("from", "must not be after to");
		}
		else if (first != null && last != null && first.plusDays(MAX_DAYS).isBefore(last)) {
			violations.add("to", "must be at most " + MAX_DAYS + " days after from");
		}
		Period period = null;
		try {
			period = (groupBy == null || groupBy.isBlank()) ? Period.WEEK
					: Period.valueOf(groupBy.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add("groupBy", "must be week, month or none");
		}
		violations.throwIfAny();
		return new Selection(first, last, period, blankToNull(groupId), blankToNull(facilitatorId),
				(modality == null || modality.isBlank()) ? null : modality.toUpperCase(Locale.ROOT));
	}

	private static LocalDate date(String field, String value, Violations violations) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			violations.add(field, "must be an ISO date such as 2026-09-01");
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	boolean covers(LocalDate day) {
		return !day.isBefore(this.from) && !day.isAfter(this.to);
	}

	boolean accepts(GroupModel group) {
		return (this.groupId == null || this.groupId.equals(group.id()))
				&& (this.facilitatorId == null || group.facilitatorIds().contains(this.facilitatorId))
				&& (this.modality == null || this.modality.equals(group.modality()));
	}

	/** The months the range touches. */
	java.util.List<YearMonth> months() {
		java.util.List<YearMonth> months = new java.util.ArrayList<>();
		for (YearMonth m = YearMonth.from(this.from); !m.isAfter(YearMonth.from(this.to)); m = m.plusMonths(1)) {
			months.add(m);
		}
		return months;
	}

	/** The period a day falls in: its ISO week ({@code 2026-W36}) or month. */
	String periodOf(LocalDate day) {
		return switch (this.groupBy) {
			case WEEK -> String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
					day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			case MONTH -> YearMonth.from(day).toString();
			case NONE -> this.from + "/" + this.to;
		};
	}

	/** The first day of the period a day falls in. */
	LocalDate periodStart(LocalDate day) {
		return switch (this.groupBy) {
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
			case NONE -> this.from;
		};
	}

}
