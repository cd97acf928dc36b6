package org.therapygroups.sessions.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.therapygroups.sessions.dashboard.MemberModel;

import static org.assertj.core.api.Assertions.assertThat;

/** The default engagement rules on members' attendance histories. */
class RiskRulesTests {

	private static final Instant NOW = Instant.parse("2026-09-30T12:00:00Z");

	private static final AlertRules DEFAULTS = AlertRules.defaults("p");

	@Test
	void twoMissedInARowMatchOneDoesNot() {
		assertThat(RiskRules.matched(member(weeksAgo(3, "PRESENT"), weeksAgo(2, "PRESENT"), weeksAgo(1, "NO_SHOW")),
				DEFAULTS, NOW))
			.doesNotContain(Rule.CONSECUTIVE_MISSED);
		assertThat(RiskRules.matched(
				member(weeksAgo(3, "PRESENT"), weeksAgo(2, "NO_SHOW"), weeksAgo(1, "LATE_CANCELLATION")), DEFAULTS,
				NOW))
			.contains(Rule.CONSECUTIVE_MISSED);
	}

	@Test
	void anExcusedAbsenceNeitherBreaksNorExtendsARun() {
		assertThat(RiskRules.matched(
				member(weeksAgo(4, "PRESENT"), weeksAgo(3, "NO_SHOW"), weeksAgo(2, "EXCUSED"), weeksAgo(1, "NO_SHOW")),
				DEFAULTS, NOW))
			.contains(Rule.CONSECUTIVE_MISSED);
		assertThat(RiskRules.matched(member(weeksAgo(3, "NO_SHOW"), weeksAgo(2, "PRESENT"), weeksAgo(1, "EXCUSED")),
				DEFAULTS, NOW))
			.doesNotContain(Rule.CONSECUTIVE_MISSED);
	}

	@Test
	void attendanceUnderHalfOverFourWeeksMatchesWithEnoughSessions() {
		MemberModel low = member(weeksAgo(3.5, "NO_SHOW"), weeksAgo(3, "PRESENT"), weeksAgo(2, "NO_SHOW"),
				weeksAgo(1, "PRESENT"), weeksAgo(0.5, "CANCELLED_BY_PATIENT"));
		MemberModel half = member(weeksAgo(3, "NO_SHOW"), weeksAgo(2, "PRESENT"), weeksAgo(1.5, "NO_SHOW"),
				weeksAgo(1, "PRESENT"));
		MemberModel tooFew = member(weeksAgo(2, "NO_SHOW"), weeksAgo(1, "PRESENT"));

		assertThat(RiskRules.matched(low, DEFAULTS, NOW)).contains(Rule.LOW_ATTENDANCE);
		assertThat(RiskRules.matched(half, DEFAULTS, NOW)).doesNotContain(Rule.LOW_ATTENDANCE);
		assertThat(RiskRules.matched(tooFew, DEFAULTS, NOW)).doesNotContain(Rule.LOW_ATTENDANCE);
	}

	@Test
	void fourteenDaysWithoutAttendanceWhileAMemberMatches() {
		assertThat(RiskRules.matched(member(daysAgo(14, "PRESENT")), DEFAULTS, NOW)).contains(Rule.NO_ATTENDANCE);
		assertThat(RiskRules.matched(member(daysAgo(13, "PRESENT")), DEFAULTS, NOW)).doesNotContain(Rule.NO_ATTENDANCE);
		MemberModel left = new MemberModel("g|x", "g", "p", "x", "LEFT", NOW.minus(Duration.ofDays(90)),
				visits(daysAgo(40, "PRESENT")));
		assertThat(RiskRules.matched(left, DEFAULTS, NOW)).isEmpty();
	}

	@Test
	void oldRunsOfMissesRaiseNothingNow() {
		assertThat(RiskRules.matched(member(weeksAgo(20, "NO_SHOW"), weeksAgo(19, "NO_SHOW")),
				new AlertRules("p", 2, 50, 4, 0, null, null), NOW))
			.isEmpty();
	}

	@Test
	void rulesSetToZeroAreOffAndTheEpisodeStartsAfterTheLastAttendance() {
		MemberModel member = member(weeksAgo(3, "PRESENT"), weeksAgo(2, "NO_SHOW"), weeksAgo(1, "NO_SHOW"));

		assertThat(RiskRules.matched(member, new AlertRules("p", 0, 0, 4, 0, null, null), NOW)).isEmpty();
		assertThat(RiskRules.episode(member)).isEqualTo("after:" + NOW.minus(Duration.ofDays(21)));
		assertThat(Alert.id("g", "x", Rule.CONSECUTIVE_MISSED, RiskRules.episode(member)))
			.isEqualTo(Alert.id("g", "x", Rule.CONSECUTIVE_MISSED, "after:" + NOW.minus(Duration.ofDays(21))));
	}

	@Test
	void editedRulesOutOfRangeAre400() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new AlertRules("p", 11, 101, 0, -1, null, null).validated())
			.isInstanceOfSatisfying(org.therapygroups.platform.problem.ApiProblem.class,
					(p) -> assertThat(p.errors()).extracting(org.therapygroups.platform.problem.FieldError::field)
						.containsExactly("consecutiveMissed", "minAttendancePercent", "windowWeeks", "silentDays"));
	}

	private static Map.Entry<Instant, String> weeksAgo(double weeks, String status) {
		return Map.entry(NOW.minus(Duration.ofMinutes((long) (weeks * 7 * 24 * 60))), status);
	}

	private static Map.Entry<Instant, String> daysAgo(int days, String status) {
		return Map.entry(NOW.minus(Duration.ofDays(days)), status);
	}

	@SafeVarargs
	private static MemberModel member(Map.Entry<Instant, String>... visits) {
		return new MemberModel("g|x", "g", "p", "x", "ACTIVE", NOW.minus(Duration.ofDays(200)), visits(visits));
	}

	@SafeVarargs
	private static Map<String, MemberModel.Visit> visits(Map.Entry<Instant, String>... visits) {
		Map<String, MemberModel.Visit> map = new LinkedHashMap<>();
		int i = 0;
		for (Map.Entry<Instant, String> visit : visits) {
			map.put("s" + i++, new MemberModel.Visit(visit.getKey(), visit.getValue()));
		}
		return map;
	}

}
