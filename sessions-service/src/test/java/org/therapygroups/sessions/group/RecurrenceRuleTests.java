package org.therapygroups.sessions.group;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.platform.problem.Violations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecurrenceRuleTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void weeklyEveningStaysAtSixLocalAcrossTheAutumnChange() {
		RecurrenceRule rule = new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", LocalDateTime.parse("2026-10-13T18:00"), null,
				null);
		List<Instant> starts = rule.occurrences(BERLIN, Instant.parse("2026-10-01T00:00:00Z"),
				Instant.parse("2026-11-04T00:00:00Z"), 1000);
		assertThat(starts).containsExactly(Instant.parse("2026-10-13T16:00:00Z"), Instant.parse("2026-10-20T16:00:00Z"),
				Instant.parse("2026-10-27T17:00:00Z"), Instant.parse("2026-11-03T17:00:00Z"));
	}

	@Test
	void springChangeInNewYork() {
		RecurrenceRule rule = new RecurrenceRule("FREQ=WEEKLY;BYDAY=TH", LocalDateTime.parse("2027-03-04T09:30"), null,
				null);
		List<Instant> starts = rule.occurrences(NEW_YORK, Instant.parse("2027-03-01T00:00:00Z"),
				Instant.parse("2027-03-19T00:00:00Z"), 1000);
		assertThat(starts).containsExactly(Instant.parse("2027-03-04T14:30:00Z"), Instant.parse("2027-03-11T14:30:00Z"),
				Instant.parse("2027-03-18T13:30:00Z"));
	}

	@Test
	void endsOnItsUntilDateOrAfterItsCount() {
		RecurrenceRule until = new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", LocalDateTime.parse("2026-09-01T18:00"),
				LocalDate.parse("2026-09-15"), null);
		assertThat(until.occurrences(BERLIN, Instant.parse("2026-08-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z"), 1000))
			.hasSize(3);
		RecurrenceRule count = new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU,TH", LocalDateTime.parse("2026-09-01T18:00"),
				null, 5);
		assertThat(count.occurrences(BERLIN, Instant.parse("2026-08-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z"), 1000))
			.hasSize(5);
		assertThat(count.effectiveRule(BERLIN)).isEqualTo("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5");
		assertThat(until.effectiveRule(BERLIN)).isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260915T215959Z");
	}

	@Test
	void expansionWindowsDoNotOverlap() {
		RecurrenceRule rule = new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", LocalDateTime.parse("2026-09-01T18:00"), null,
				null);
		Instant cut = Instant.parse("2026-09-08T16:00:00Z");
		List<Instant> first = rule.occurrences(BERLIN, Instant.parse("2026-08-01T00:00:00Z"), cut, 1000);
		List<Instant> second = rule.occurrences(BERLIN, cut, Instant.parse("2026-09-30T00:00:00Z"), 1000);
		assertThat(first).containsExactly(Instant.parse("2026-09-01T16:00:00Z"), cut);
		assertThat(second).doesNotContain(cut).hasSize(3);
	}

	@Test
	void reportsEveryProblemWithItsField() {
		assertThat(errors(new RecurrenceRule("FREQ=WEEKLIES", LocalDateTime.parse("2026-09-01T18:00"), null, null)))
			.containsExactly("recurrence.rrule");
		assertThat(errors(new RecurrenceRule("FREQ=MINUTELY", LocalDateTime.parse("2026-09-01T18:00"), null, null)))
			.containsExactly("recurrence.rrule");
		assertThat(errors(new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", LocalDateTime.parse("2026-09-01T18:00"),
				LocalDate.parse("2026-08-01"), null)))
			.containsExactly("recurrence.until");
		assertThat(errors(new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", null, null, null)))
			.containsExactly("recurrence.start");
		assertThat(
				errors(new RecurrenceRule("FREQ=WEEKLY;BYDAY=WE", LocalDateTime.parse("2026-09-01T18:00"), null, null)))
			.containsExactly("recurrence.start");
		assertThat(errors(new RecurrenceRule("FREQ=WEEKLY;COUNT=3", LocalDateTime.parse("2026-09-01T18:00"), null, 4)))
			.containsExactly("recurrence.rrule");
		assertThat(errors(new RecurrenceRule("FREQ=WEEKLY", LocalDateTime.parse("2026-09-01T18:00"), null, 0)))
			.containsExactly("recurrence.count");
	}

	@Test
	void emptyPartsDoNotBreakTheRuleOnceTheServerAddsItsOwn() {
		RecurrenceRule rule = new RecurrenceRule("FREQ=DAILY;", LocalDateTime.parse("2026-09-01T18:00"), null, 5);
		Violations violations = new Violations();
		rule.validate(BERLIN, violations);
		assertThat(violations.isEmpty()).isTrue();
		assertThat(rule.effectiveRule(BERLIN)).isEqualTo("FREQ=DAILY;COUNT=5");
		assertThat(rule.occurrences(BERLIN, Instant.parse("2026-08-01T00:00:00Z"),
				Instant.parse("2027-01-01T00:00:00Z"), 1000))
			.hasSize(5);
		assertThat(rule.endingBefore(Instant.parse("2026-09-03T00:00:00Z")))
			.isEqualTo("FREQ=DAILY;UNTIL=20260902T235959Z");
	}

	@Test
	void perSecondRulesAreRefused() {
		assertThat(errors(
				new RecurrenceRule("FREQ=DAILY;BYSECOND=0,1,2", LocalDateTime.parse("2026-09-01T18:00"), null, null)))
			.containsExactly("recurrence.rrule");
	}

	@Test
	void oneExpansionComputesAtMostTheGivenNumberOfOccurrences() {
		RecurrenceRule everyQuarterHour = new RecurrenceRule(
				"FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,"
						+ "16,17,18,19,20,21,22,23;BYMINUTE=0,15,30,45",
				LocalDateTime.parse("2026-09-01T18:00"), null, null);
		assertThat(everyQuarterHour.occurrences(BERLIN, Instant.parse("2026-09-01T00:00:00Z"),
				Instant.parse("2027-03-01T00:00:00Z"), 501))
			.hasSize(501);
	}

	private static List<String> errors(RecurrenceRule rule) {
		Violations violations = new Violations();
		rule.validate(BERLIN, violations);
		assertThatThrownBy(violations::throwIfAny).isInstanceOf(ApiProblem.class);
		try {
			violations.throwIfAny();
			return List.of();
		}
		catch (ApiProblem ex) {
			return ex.errors().stream().map(FieldError::field).toList();
		}
	}

}
