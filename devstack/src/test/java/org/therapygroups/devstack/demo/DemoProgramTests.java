package org.therapygroups.devstack.demo;

import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.therapygroups.devstack.demo.DemoProgram.GroupPlan;
import org.therapygroups.devstack.demo.DemoProgram.Member;
import org.therapygroups.devstack.demo.DemoProgram.Patient;
import org.therapygroups.devstack.demo.DemoProgram.Placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo program's plan, without a stack: the same every time, and plausible. */
class DemoProgramTests {

	private static final DemoSize TEST = new DemoSize(3, 30, 8);

	@Test
	void everyLoadPlansTheSameProgram() {
		assertThat(DemoProgram.placements(DemoSize.FULL)).isEqualTo(DemoProgram.placements(DemoSize.FULL));
		assertThat(DemoProgram.patients(150)).isEqualTo(DemoProgram.patients(150));
		assertThat(DemoProgram.patients(30)).isEqualTo(DemoProgram.patients(150).subList(0, 30));
	}

	@Test
	void theFullProgramHasTwelveGroupsOfBothModalitiesAndPlacesEveryPatientOnceAtMost() {
		List<Placement> placements = DemoProgram.placements(DemoSize.FULL);
		assertThat(placements).hasSize(12);
		assertThat(placements).extracting((p) -> p.group().modality()).contains("CBT", "PSYCHODYNAMIC");
		assertThat(DemoProgram.patients(150)).extracting(Patient::displayName).doesNotHaveDuplicates();
		Set<Integer> placed = new HashSet<>();
		for (Placement placement : placements) {
			GroupPlan group = placement.group();
			assertThat(group.maxSize()).isBetween(8, 12);
			int seats = placement.members().size() + placement.selfEnrolled().size();
			assertThat(seats).isLessThanOrEqualTo(group.maxSize());
			if (group.waitlist() > 0) {
				assertThat(seats).isEqualTo(group.maxSize());
				assertThat(placement.waitlisted()).hasSize(group.waitlist());
			}
			else {
				assertThat(placement.waitlisted()).isEmpty();
			}
			if (!group.selfEnrollment()) {
				assertThat(placement.selfEnrolled()).isEmpty();
			}
			placement.members().forEach((m) -> assertThat(placed.add(m.patient().index())).isTrue());
			placement.selfEnrolled().forEach((p) -> assertThat(placed.add(p.index())).isTrue());
			placement.waitlisted().forEach((p) -> assertThat(placed.add(p.index())).isTrue());
		}
		assertThat(placed.size()).isBetween(120, 150);
		assertThat(placements.stream().filter((p) -> p.group().aftercare() && !p.selfEnrolled().isEmpty()))
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(placements.stream().flatMap((p) -> p.members().stream()).filter(Member::drifting).count())
			.isBetween(5L, 20L);
	}

	@Test
	void noFacilitatorAndNoRoomIsBookedTwiceAtTheSameTime() {
		List<GroupPlan> groups = DemoProgram.GROUPS;
		for (int i = 0; i < groups.size(); i++) {
			for (int j = i + 1; j < groups.size(); j++) {
				GroupPlan a = groups.get(i);
				GroupPlan b = groups.get(j);
				if (a.day() != b.day() || !overlap(a, b)) {
					continue;
				}
				assertThat(a.room()).as(a.name() + " / " + b.name()).isNotEqualTo(b.room());
				assertThat(staff(a)).as(a.name() + " / " + b.name()).doesNotContainAnyElementsOf(staff(b));
			}
		}
	}

	@Test
	void theTestSizeStillHasBothModalitiesAWaitlistSelfEnrolmentAndSomeoneDrifting() {
		List<Placement> placements = DemoProgram.placements(TEST);
		assertThat(placements).extracting((p) -> p.group().modality()).contains("CBT", "PSYCHODYNAMIC");
		assertThat(placements).anySatisfy((p) -> assertThat(p.waitlisted()).isNotEmpty());
		assertThat(placements).anySatisfy((p) -> assertThat(p.selfEnrolled()).isNotEmpty());
		assertThat(placements).anySatisfy((p) -> assertThat(p.members()).anyMatch(Member::drifting));
		int placed = placements.stream()
			.mapToInt((p) -> p.members().size() + p.selfEnrolled().size() + p.waitlisted().size())
			.sum();
		assertThat(placed).isEqualTo(30);
	}

	@Test
	void aDriftingMemberMissesTheLastTwoSessionsWithoutNoticeAndComesLessBefore() {
		for (Placement placement : DemoProgram.placements(DemoSize.FULL)) {
			for (Member member : placement.members()) {
				if (!member.drifting()) {
					continue;
				}
				assertThat(History.attendance(placement.group(), member, 24, 26).status()).isEqualTo("NO_SHOW");
				assertThat(History.attendance(placement.group(), member, 25, 26).status()).isEqualTo("NO_SHOW");
			}
		}
		// over many members, the drift shows: the six sessions before the last two
		// against
		// six earlier ones
		int early = 0;
		int late = 0;
		for (Placement placement : DemoProgram.placements(DemoSize.FULL)) {
			for (Member member : placement.members()) {
				if (!member.drifting()) {
					continue;
				}
				for (int week = 6; week < 12; week++) {
					early += History.attendance(placement.group(), member, week, 26).attended() ? 1 : 0;
				}
				for (int week = 18; week < 24; week++) {
					late += History.attendance(placement.group(), member, week, 26).attended() ? 1 : 0;
				}
			}
		}
		assertThat(late).isLessThan(early * 3 / 4);
	}

	@Test
	void mostMembersComeMostWeeksWithSomeLateExcusedAndNoShows() {
		int attended = 0;
		int total = 0;
		Set<String> statuses = new HashSet<>();
		for (Placement placement : DemoProgram.placements(DemoSize.FULL)) {
			for (Member member : placement.members()) {
				for (int week = member.joinWeek(); week < 26; week++) {
					History.Outcome outcome = History.attendance(placement.group(), member, week, 26);
					statuses.add(outcome.status());
					attended += outcome.attended() ? 1 : 0;
					total++;
					if (outcome.status().equals("LATE") || outcome.status().equals("LEFT_EARLY")) {
						assertThat(outcome.minutes()).isBetween(1, placement.group().minutes());
					}
					else {
						assertThat(outcome.minutes()).isNull();
					}
				}
			}
		}
		assertThat(statuses).contains("PRESENT", "LATE", "LEFT_EARLY", "NO_SHOW", "EXCUSED", "CANCELLED_BY_PATIENT",
				"LATE_CANCELLATION");
		assertThat(attended * 100 / total).isBetween(78, 92);
	}

	@Test
	void mostNotesAreSignedAndAFewSessionsWereCalledOffNeverAtTheEnd() {
		int unsigned = 0;
		int cancelled = 0;
		for (GroupPlan group : DemoProgram.GROUPS) {
			for (int week = 0; week < 26; week++) {
				unsigned += History.signed(group, week, 26) ? 0 : 1;
				if (History.cancelled(group, week, 26)) {
					cancelled++;
					assertThat(week).isLessThan(24);
				}
			}
		}
		assertThat(unsigned).isBetween(8, 40);
		// the notes left open a few weeks back are not of sessions called off
		for (GroupPlan group : DemoProgram.GROUPS) {
			for (int past : new int[] { 8, 26 }) {
				int week = (group.index() % 3 == 0) ? past - 3 : (group.index() % 3 == 2) ? past - 5 : -1;
				if (week >= 0) {
					assertThat(History.signed(group, week, past)).isFalse();
					assertThat(History.cancelled(group, week, past)).as(group.name() + " " + week).isFalse();
				}
			}
		}
	}

	@Test
	void aSizeIsThreeNumbersInRange() {
		assertThat(DemoSize.parse("3, 30, 8")).isEqualTo(new DemoSize(3, 30, 8));
		assertThatThrownBy(() -> DemoSize.parse("3,30")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DemoSize.parse("13,30,8")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DemoSize.parse("3,30,60")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void onlyALoopbackStackIsAccepted() {
		assertThat(Gateway.requireLoopback("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
		assertThatThrownBy(() -> Gateway.requireLoopback("https://therapy.example.org"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static boolean overlap(GroupPlan a, GroupPlan b) {
		LocalTime aEnd = a.time().plusMinutes(a.minutes());
		LocalTime bEnd = b.time().plusMinutes(b.minutes());
		return a.time().isBefore(bEnd) && b.time().isBefore(aEnd);
	}

	private static Set<Integer> staff(GroupPlan group) {
		Set<Integer> staff = new HashSet<>();
		staff.add(group.lead());
		if (group.coFacilitator() != null) {
			staff.add(group.coFacilitator());
		}
		return staff;
	}

}
