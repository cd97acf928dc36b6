package org.therapygroups.sessions.group;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import org.therapygroups.platform.problem.Violations;

/**
 * When a group meets: an RFC 5545 RRULE in the program's time zone, starting at a local
 * date and time (DTSTART), ending on a date or after a number of occurrences. Expansion
 * is ical4j's and happens in local time, so 18:00 stays 18:00 across daylight-saving
 * changes.
 *
 * @param rrule the rule without {@code RRULE:} (e.g. {@code FREQ=WEEKLY;BYDAY=TU}); its
 * own UNTIL or COUNT is allowed when {@code until} and {@code count} are not given
 * @param start the first occurrence, local to the program's zone
 * @param until the last day an occurrence may fall on, or {@code null}
 * @param count how many occurrences in all, or {@code null}
 */
public record RecurrenceRule(String rrule, LocalDateTime start, LocalDate until, Integer count) {

	private static final Set<Frequency> FREQUENCIES = Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY,
			Frequency.YEARLY);

	/** The largest COUNT a rule may have. */
	public static final int MAX_COUNT = 1000;

	private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	/**
	 * Checks the rule; field names are prefixed with {@code recurrence.}.
	 * @param zone the program's zone
	 * @param violations where problems go
	 */
	public void validate(ZoneId zone, Violations violations) {
		if (this.start == null && !violations.has("recurrence.start")) {
			violations.add("recurrence.start", "is required (local date and time of the first session)");
		}
		validateGiven(zone, violations);
	}

	/**
	 * Checks the rule as {@link #validate} does, except for a missing start.
	 * @param zone the program's zone
	 * @param violations where problems go
	 */
	public void validateGiven(ZoneId zone, Violations violations) {
		if (this.until != null && this.start != null && this.until.isBefore(this.start.toLocalDate())) {
			violations.add("recurrence.until", "must not be before the start");
		}
		if (this.count != null && (this.count < 1 || this.count > MAX_COUNT)) {
			violations.add("recurrence.count", "must be between 1 and " + MAX_COUNT);
		}
		if (this.until != null && this.count != null) {
			violations.add("recurrence.count", "give either an end date or a count, not both");
		}
		Recur<ZonedDateTime> recur;
		try {
			recur = parse(this.rrule);
			// the rule as it will be stored and expanded, with the server's own parts
			parse(effectiveRule(zone));
		}
		catch (RuntimeException ex) {
			violations.add("recurrence.rrule", "is not a valid RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU");
			return;
		}
		if (!FREQUENCIES.contains(recur.getFrequency())) {
			violations.add("recurrence.rrule", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
			return;
		}
		String upper = this.rrule.toUpperCase(Locale.ROOT);
		if (upper.contains("BYSECOND=")) {
			// sessions start on whole minutes; per-second parts only multiply the work
			violations.add("recurrence.rrule", "BYSECOND is not supported");
			return;
		}
		if ((upper.contains("UNTIL=") || upper.contains("COUNT=")) && (this.until != null || this.count != null)) {
			violations.add("recurrence.rrule", "has its own UNTIL or COUNT; leave until and count empty");
			return;
		}
		if (this.start != null && violations.isEmpty()) {
			ZonedDateTime seed = this.start.atZone(zone);
			List<ZonedDateTime> first = effective(zone).getDates(seed, seed.minusSeconds(1), seed.plusSeconds(1));
			if (first.isEmpty()) {
				violations.add("recurrence.start",
						"must itself be an occurrence of the rule (e.g. a Tuesday for BYDAY=TU)");
			}
		}
	}

	/**
	 * The starts of the first occurrences in {@code (after, upTo]}: at most {@code max},
	 * so one expansion never does unbounded work.
	 * @param zone the program's zone
	 * @param after exclusive lower bound
	 * @param upTo inclusive upper bound
	 * @param max the most occurrences to compute
	 * @return the starts, in order
	 */
	public List<Instant> occurrences(ZoneId zone, Instant after, Instant upTo, int max) {
		if (!upTo.isAfter(after) || max < 1) {
			return List.of();
		}
		ZonedDateTime seed = this.start.atZone(zone);
		return effective(zone).getDates(seed, after.atZone(zone), upTo.plusSeconds(1).atZone(zone), max)
			.stream()
			.map(ZonedDateTime::toInstant)
			.filter((instant) -> instant.isAfter(after) && !instant.isAfter(upTo))
			.toList();
	}

	/**
	 * The rule with the end folded in, as it goes into an iCalendar RRULE.
	 * @param zone the program's zone
	 * @return the RRULE value
	 */
	public String effectiveRule(ZoneId zone) {
		String rule = withoutEmptyParts(this.rrule);
		if (this.until != null) {
			ZonedDateTime endOfDay = this.until.atTime(LocalTime.of(23, 59, 59)).atZone(zone);
			rule += ";UNTIL=" + UTC_STAMP.format(endOfDay.withZoneSameInstant(ZoneOffset.UTC));
		}
		else if (this.count != null) {
			rule += ";COUNT=" + this.count;
		}
		return rule;
	}

	/**
	 * The same rule ending before {@code end} (a finished or cancelled group).
	 * @param end the first instant without occurrences
	 * @return the shortened rule, as an iCalendar RRULE value
	 */
	public String endingBefore(Instant end) {
		String rule = withoutEmptyParts(this.rrule.replaceAll("(?i)(UNTIL|COUNT)=[^;]*", ""));
		return rule + ";UNTIL=" + UTC_STAMP.format(end.minusSeconds(1).atOffset(ZoneOffset.UTC));
	}

	/** The rule without {@code RRULE:} and without empty parts ({@code FREQ=DAILY;}). */
	private static String withoutEmptyParts(String rule) {
		String value = rule.strip();
		if (value.regionMatches(true, 0, "RRULE:", 0, 6)) {
			value = value.substring(6);
		}
		return String.join(";",
				java.util.Arrays.stream(value.split(";"))
					.map(String::strip)
					.filter((part) -> !part.isEmpty())
					.toList());
	}

	private Recur<ZonedDateTime> effective(ZoneId zone) {
		return parse(effectiveRule(zone));
	}

	private static Recur<ZonedDateTime> parse(String rule) {
		if (rule == null || rule.isBlank()) {
			throw new IllegalArgumentException("empty");
		}
		String value = rule.strip();
		if (value.regionMatches(true, 0, "RRULE:", 0, 6)) {
			value = value.substring(6);
		}
		Recur<ZonedDateTime> recur = new Recur<>(value);
		if (recur.getFrequency() == null) {
			throw new IllegalArgumentException("no FREQ");
		}
		return recur;
	}

}
