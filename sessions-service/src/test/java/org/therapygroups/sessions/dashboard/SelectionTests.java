package org.therapygroups.sessions.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Date ranges, periods, filters and the membership figures. */
class SelectionTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 9, 30);

	@Test
	void defaultsToTheLastTwelveWeeksByWeek() {
		Selection selection = Selection.parse(null, null, null, null, null, null, TODAY);

		// 84 days, today included
		assertThat(selection.from()).isEqualTo(LocalDate.of(2026, 7, 9));
		assertThat(selection.to()).isEqualTo(TODAY);
		assertThat(selection.groupBy()).isEqualTo(Selection.Period.WEEK);
	}

	@Test
	void periodsAreIsoWeeksOrMonths() {
		Selection weeks = Selection.parse("2026-08-01", "2026-09-30", "week", null, null, null, TODAY);
		Selection months = Selection.parse("2026-08-01", "2026-09-30", "MONTH", null, null, null, TODAY);

		// Tuesday 1 September 2026 is in ISO week 36, which starts on Monday 31 August
		assertThat(weeks.periodOf(LocalDate.of(2026, 9, 1))).isEqualTo("2026-W36");
		assertThat(weeks.periodStart(LocalDate.of(2026, 9, 1))).isEqualTo(LocalDate.of(2026, 8, 31));
		assertThat(months.periodOf(LocalDate.of(2026, 9, 1))).isEqualTo("2026-09");
		assertThat(months.months()).containsExactly(YearMonth.of(2026, 8), YearMonth.of(2026, 9));
		// 2027-01-01 is a Friday of ISO week 53 of 2026
		assertThat(weeks.periodOf(LocalDate.of(2027, 1, 1))).isEqualTo("2026-W53");
	}

	@Test
	void badRangesAndPeriodsAre400WithTheField() {
		assertThatThrownBy(() -> Selection.parse("2026-09-30", "2026-09-01", null, null, null, null, TODAY))
			.isInstanceOfSatisfying(ApiProblem.class,
					(p) -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("from"));
		assertThatThrownBy(() -> Selection.parse("yesterday", null, null, null, null, null, TODAY))
			.isInstanceOfSatisfying(ApiProblem.class,
					(p) -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("from"));
		assertThatThrownBy(() -> Selection.parse(null, null, "fortnight", null, null, null, TODAY))
			.isInstanceOfSatisfying(ApiProblem.class,
					(p) -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("groupBy"));
		assertThatThrownBy(() -> Selection.parse("2020-01-01", "2026-09-01", null, null, null, null, TODAY))
			.isInstanceOf(ApiProblem.class);
	}

	@Test
	void everyBadParameterIsReportedAtOnce() {
		assertThatThrownBy(() -> Selection.parse("yesterday", "soon", "fortnight", null, null, null, TODAY))
			.isInstanceOfSatisfying(ApiProblem.class, (p) -> assertThat(p.errors()).extracting(FieldError::field)
				.containsExactly("to", "from", "groupBy"));
	}

	@Test
	void filtersByGroupFacilitatorAndModality() {
		GroupModel cbt = new GroupModel("g1", "p", "CBT group", "CBT", "UTC", List.of("t1", "t2"), 8, null);
		Selection byFacilitator = Selection.parse(null, null, null, null, "t2", null, TODAY);
		Selection byModality = Selection.parse(null, null, null, null, null, "psychodynamic", TODAY);
		Selection byGroup = Selection.parse(null, null, null, "g2", null, null, TODAY);

		assertThat(byFacilitator.accepts(cbt)).isTrue();
		assertThat(byModality.accepts(cbt)).isFalse();
		assertThat(byGroup.accepts(cbt)).isFalse();
	}

	@Test
	void membershipFiguresCountNewMembersRetentionAndTheWaitlist() {
		Instant now = Instant.parse("2026-09-30T12:00:00Z");
		Instant joined = Instant.parse("2026-07-01T12:00:00Z");
		Map<String, GroupModel.Episode> episodes = Map.of(
				// stayed: retained at 4, 8 and 12 weeks (12 weeks after 1 July is 23
				// September)
				"e1", new GroupModel.Episode("a", "ACTIVE", null, joined, null),
				// left after 5 weeks: retained at 4, not at 8 or 12
				"e2", new GroupModel.Episode("b", "LEFT", null, joined, joined.plus(Duration.ofDays(35))),
				// waited 10 days, then promoted; joined 3 weeks ago: not yet eligible
				"e3",
				new GroupModel.Episode("c", "ACTIVE", now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(21)),
						null),
				"e4", new GroupModel.Episode("d", "WAITLISTED", now.minus(Duration.ofDays(2)), null, null));
		GroupModel group = new GroupModel("g1", "p", "G", "CBT", "UTC", List.of(), 8, episodes);

		Figures.MemberFigures figures = Dashboards.members(List.of(group),
				Selection.parse("2026-06-01", "2026-09-30", null, null, null, null, TODAY), ZoneId.of("UTC"), now);

		assertThat(figures.newMembers()).isEqualTo(3);
		assertThat(figures.activeMembers()).isEqualTo(2);
		assertThat(figures.retention4Weeks()).isEqualTo(1.0);
		assertThat(figures.retention8Weeks()).isEqualTo(0.5);
		assertThat(figures.retention12Weeks()).isEqualTo(0.5);
		assertThat(figures.waitlistLength()).isEqualTo(1);
		assertThat(figures.averageWaitDays()).isEqualTo(10.0);
	}

}
