package org.therapygroups.devstack.demo;

import java.util.Random;

import org.therapygroups.devstack.demo.DemoProgram.GroupPlan;
import org.therapygroups.devstack.demo.DemoProgram.Member;

/**
 * What happened in the demo program's past sessions: who came, who came late, who
 * cancelled or did not show up, which sessions the facilitator called off and which notes
 * were signed. Every answer depends only on the group, the member, the session's place
 * among the group's past sessions and how many past sessions there are, so each load
 * decides the same.
 */
public final class History {

	/** The reason given for a session the facilitator called off. */
	public static final String CANCEL_REASON = "Facilitator on leave";

	private History() {
	}

	/**
	 * A member's attendance at one past session. Most members come most weeks, now and
	 * then late, excused or cancelling; a member drifting away comes less and less over
	 * the last eight sessions and misses the last two without notice, which the
	 * engagement rules flag.
	 * @param group the group
	 * @param member the member
	 * @param week the session's place among the group's past sessions, from 0
	 * @param past how many past sessions the group has
	 * @return the attendance to record
	 */
	public static Outcome attendance(GroupPlan group, Member member, int week, int past) {
		Random random = random(group.index(), member.patient().index(), week);
		double chance = member.reliability();
		if (member.drifting()) {
			if (week >= past - 2) {
				return new Outcome("NO_SHOW", null);
			}
			int driftStart = Math.max(member.joinWeek() + 1, past - 8);
			if (week >= driftStart) {
				double progress = (week - driftStart + 1.0) / (past - 2 - driftStart + 1.0);
				chance = chance * (1.0 - 0.85 * progress);
			}
		}
		if (random.nextDouble() < chance) {
			double kind = random.nextDouble();
			if (kind < 0.08) {
				return new Outcome("LATE", 5 + random.nextInt(21));
			}
			if (kind < 0.10) {
				return new Outcome("LEFT_EARLY", 10 + random.nextInt(21));
			}
			return new Outcome("PRESENT", null);
		}
		double kind = random.nextDouble();
		if (kind < 0.35) {
			return new Outcome("EXCUSED", null);
		}
		if (kind < 0.60) {
			return new Outcome("CANCELLED_BY_PATIENT", null);
		}
		if (kind < 0.70) {
			return new Outcome("LATE_CANCELLATION", null);
		}
		return new Outcome("NO_SHOW", null);
	}

	/**
	 * Whether the facilitator called the session off: one session in the middle, in every
	 * other group, once a group has six past sessions.
	 * @param group the group
	 * @param week the session's place among the group's past sessions
	 * @param past how many past sessions the group has
	 * @return whether it is cancelled
	 */
	public static boolean cancelled(GroupPlan group, int week, int past) {
		if (past < 6 || group.index() % 2 != 0) {
			return false;
		}
		return week == Math.max(1, past / 2 - group.index() % 3);
	}

	/**
	 * Whether the facilitator wrote and signed the session's note. Most are signed; in
	 * two of every three groups the note of a session some weeks back is still open
	 * (overdue), and so are a few others at random and, in every other group, the latest
	 * one (which may still be within its 72 hours).
	 * @param group the group
	 * @param week the session's place among the group's past sessions
	 * @param past how many past sessions the group has
	 * @return whether the note is signed
	 */
	public static boolean signed(GroupPlan group, int week, int past) {
		if ((group.index() % 3 == 0 && week == past - 3) || (group.index() % 3 == 2 && week == past - 5)) {
			return false;
		}
		if (group.index() % 2 == 0 && week == past - 1) {
			return false;
		}
		return random(group.index(), -1, week).nextDouble() >= 0.04;
	}

	private static Random random(int group, int patient, int week) {
		long seed = DemoProgram.SEED;
		seed = seed * 1_000_003L + group;
		seed = seed * 1_000_003L + patient;
		seed = seed * 1_000_003L + week;
		Random random = new Random(seed);
		random.nextLong();
		return random;
	}

	/**
	 * Attendance as the API takes it.
	 *
	 * @param status the attendance status
	 * @param minutes minutes late or left early, else {@code null}
	 */
	public record Outcome(String status, Integer minutes) {

		/** Whether the member was there (present, late or left early). */
		public boolean attended() {
			return this.status.equals("PRESENT") || this.status.equals("LATE") || this.status.equals("LEFT_EARLY");
		}

	}

}
