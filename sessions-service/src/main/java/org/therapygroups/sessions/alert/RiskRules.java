package org.therapygroups.sessions.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.therapygroups.sessions.dashboard.MemberModel;

/**
 * Which rules a member matches now. Only current risk counts: a run of misses that ended
 * before the rule's window (a replay of old events, say) raises nothing. Excused absences
 * and sessions cancelled by the clinician neither break nor extend a run of misses.
 */
final class RiskRules {

	private RiskRules() {
	}

	static Set<Rule> matched(MemberModel member, AlertRules rules, Instant now) {
		Set<Rule> matched = EnumSet.noneOf(Rule.class);
		if (!member.active()) {
			return matched;
		}
		List<MemberModel.Visit> visits = member.chronological()
			.stream()
			.filter((visit) -> !visit.startsAt().isAfter(now))
			.toList();
		Instant windowStart = now.minus(Duration.ofDays(7L * rules.windowWeeks()));
		if (rules.consecutiveMissed() > 0 && missedInARow(visits) >= rules.consecutiveMissed()
				&& lastMissed(visits).isAfter(windowStart)) {
			matched.add(Rule.CONSECUTIVE_MISSED);
		}
		if (rules.minAttendancePercent() > 0) {
			long attended = 0;
			long expected = 0;
			for (MemberModel.Visit visit : visits) {
				if (visit.startsAt().isAfter(windowStart) && (visit.attended() || visit.missed())) {
					expected++;
					attended += visit.attended() ? 1 : 0;
				}
			}
			if (expected >= AlertRules.MIN_SESSIONS_IN_WINDOW
					&& attended * 100 < expected * rules.minAttendancePercent()) {
				matched.add(Rule.LOW_ATTENDANCE);
			}
		}
		if (rules.silentDays() > 0) {
			Instant last = member.lastAttendedAt();
			Instant since = (last != null) ? last : member.since();
			if (since != null && !since.plus(Duration.ofDays(rules.silentDays())).isAfter(now)) {
				matched.add(Rule.NO_ATTENDANCE);
			}
		}
		return matched;
	}

	private static int missedInARow(List<MemberModel.Visit> visits) {
		int missed = 0;
		for (int i = visits.size() - 1; i >= 0; i--) {
			MemberModel.Visit visit = visits.get(i);
			if (visit.attended()) {
				break;
			}
			missed += visit.missed() ? 1 : 0;
		}
		return missed;
	}

	private static Instant lastMissed(List<MemberModel.Visit> visits) {
		for (int i = visits.size() - 1; i >= 0; i--) {
			if (visits.get(i).missed()) {
				return visits.get(i).startsAt();
			}
		}
		return Instant.MIN;
	}

	/**
	 * The episode of risk a member is in: it begins after their last attended session (or
	 * when they joined), so an alert is raised once per episode.
	 */
	static String episode(MemberModel member) {
		Instant last = member.lastAttendedAt();
		return (last != null) ? "after:" + last : "since:" + member.since();
	}

}
