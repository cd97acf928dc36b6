package org.therapygroups.sessions.calendar;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.GroupStatus;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.RecurrenceRule;
import org.therapygroups.sessions.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed renderer, checked by parsing its text back with ical4j and expanding the
 * recurrence the way a calendar client would.
 */
class IcsRendererTests {

	private static final ZoneId BERLIN = ZoneId.of(CalendarFixtures.BERLIN);

	private static final Instant STAMP = Instant.parse("2026-09-30T10:15:30.123Z");

	/** Tuesday 6 October 2026, 18:00 in Berlin; summer time ends on 25 October. */
	private static final LocalDateTime FIRST = LocalDateTime.of(2026, 10, 6, 18, 0);

	private final Group tuesdays = CalendarFixtures.group("Tuesday relapse prevention", "FREQ=WEEKLY;BYDAY=TU", FIRST,
			CalendarFixtures.BERLIN, "therapist-secret-id");

	@Test
	void calendarHasHeaderOneVtimezonePerZoneAndAMasterEventWithRrule() throws Exception {
		Group thursdays = CalendarFixtures.group("Thursday group", "FREQ=WEEKLY;BYDAY=TH", FIRST.plusDays(2),
				CalendarFixtures.BERLIN, "therapist-2");
		Group newYork = CalendarFixtures.group("Evening group", "FREQ=WEEKLY;BYDAY=MO",
				LocalDateTime.of(2026, 10, 5, 19, 0), "America/New_York", "therapist-3");
		String text = IcsRenderer.render(List.of(this.tuesdays, thursdays, newYork), List.of(), STAMP);
		Calendar calendar = parse(text);

		assertThat(value(calendar.getProperty(Property.PRODID))).isEqualTo(IcsRenderer.PRODID);
		assertThat(value(calendar.getProperty(Property.VERSION))).isEqualTo("2.0");
		assertThat(value(calendar.getProperty(Property.CALSCALE))).isEqualTo("GREGORIAN");
		assertThat(value(calendar.getProperty(Property.METHOD))).isEqualTo("PUBLISH");
		assertThat(calendar.<VTimeZone>getComponents(Component.VTIMEZONE))
			.extracting((tz) -> value(tz.getProperty(Property.TZID)))
			.containsExactly("America/New_York", "Europe/Berlin");
		assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");

		VEvent master = master(calendar, this.tuesdays);
		assertThat(value(master.getProperty(Property.RRULE))).contains("FREQ=WEEKLY").contains("BYDAY=TU");
		DateProperty<?> start = master.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow();
		assertThat(start.getParameter(Parameter.TZID).map(Parameter::getValue)).contains("Europe/Berlin");
		assertThat(start.getValue()).isEqualTo("20261006T180000");
		assertThat(value(master.getProperty(Property.DTEND))).isEqualTo("20261006T193000");
		assertThat(value(master.getProperty(Property.SUMMARY))).isEqualTo("Tuesday relapse prevention");
		assertThat(value(master.getProperty(Property.LOCATION))).isEqualTo("Room 2 / https://video.example/g");
		assertThat(value(master.getProperty(Property.STATUS))).isEqualTo("CONFIRMED");
		assertThat(events(calendar)).hasSize(3)
			.allSatisfy(
					(event) -> assertThat(value(event.getProperty(Property.DTSTAMP))).isEqualTo("20260930T101530Z"));
		// names, times and places only: no user ids, no clinical fields
		assertThat(text).doesNotContain("therapist-secret-id").doesNotContain("DESCRIPTION").doesNotContain("ATTENDEE");
	}

	@Test
	void weeklySessionStaysAt1800LocalAcrossTheOctoberChange() throws Exception {
		Calendar calendar = parse(IcsRenderer.render(List.of(this.tuesdays), List.of(), STAMP));

		List<Instant> starts = expand(master(calendar, this.tuesdays), LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 11, 11));

		assertThat(starts).hasSize(6);
		assertThat(starts).allSatisfy((start) -> {
			assertThat(start.atZone(BERLIN).getHour()).isEqualTo(18);
			assertThat(start.atZone(BERLIN).getMinute()).isZero();
		});
		// summer time (UTC+2) before 25 October, standard time (UTC+1) after it
		assertThat(starts.get(2)).isEqualTo(Instant.parse("2026-10-20T16:00:00Z"));
		assertThat(starts.get(3)).isEqualTo(Instant.parse("2026-10-27T17:00:00Z"));
		assertThat(starts.stream().map((s) -> s.atOffset(ZoneOffset.UTC).getHour()).toList()).containsExactly(16, 16,
				16, 17, 17, 17);
	}

	@Test
	void cancelledOccurrenceBecomesAnExdateInTheGroupZone() throws Exception {
		Instant second = FIRST.plusWeeks(1).atZone(BERLIN).toInstant();
		Session cancelled = CalendarFixtures.occurrence(this.tuesdays, second, second);
		FeedSession feedSession = cancelledView(cancelled);

		Calendar calendar = parse(IcsRenderer.render(List.of(this.tuesdays), List.of(feedSession), STAMP));
		VEvent master = master(calendar, this.tuesdays);

		Property exdate = master.getProperty(Property.EXDATE).orElseThrow();
		assertThat(exdate.getParameter(Parameter.TZID).map(Parameter::getValue)).contains("Europe/Berlin");
		assertThat(exdate.getValue()).isEqualTo("20261013T180000");
		List<Instant> starts = expand(master, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 22));
		assertThat(starts).containsExactly(Instant.parse("2026-10-06T16:00:00Z"),
				Instant.parse("2026-10-20T16:00:00Z"));
		assertThat(events(calendar)).hasSize(1);
	}

	@Test
	void movedOccurrenceGetsAnOverrideWithRecurrenceId() throws Exception {
		Instant original = FIRST.plusWeeks(2).atZone(BERLIN).toInstant();
		Instant moved = LocalDateTime.of(2026, 10, 21, 19, 0).atZone(BERLIN).toInstant();
		Session session = CalendarFixtures.occurrence(this.tuesdays, original, moved);
		Instant unmovedStart = FIRST.plusWeeks(3).atZone(BERLIN).toInstant();
		Session unmoved = CalendarFixtures.occurrence(this.tuesdays, unmovedStart, unmovedStart);

		Calendar calendar = parse(IcsRenderer.render(List.of(this.tuesdays),
				List.of(FeedSession.of(session), FeedSession.of(unmoved)), STAMP));

		List<VEvent> events = events(calendar);
		assertThat(events).hasSize(2);
		VEvent override = events.stream()
			.filter((e) -> e.getProperty(Property.RECURRENCE_ID).isPresent())
			.findFirst()
			.orElseThrow();
		assertThat(value(override.getProperty(Property.UID))).isEqualTo(this.tuesdays.getId() + "@therapygroups");
		DateProperty<?> recurrenceId = override.<DateProperty<?>>getProperty(Property.RECURRENCE_ID).orElseThrow();
		assertThat(recurrenceId.getParameter(Parameter.TZID).map(Parameter::getValue)).contains("Europe/Berlin");
		assertThat(recurrenceId.getValue()).isEqualTo("20261020T180000");
		assertThat(instant(recurrenceId.getDate())).isEqualTo(original);
		assertThat(instant(override.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow().getDate()))
			.isEqualTo(moved);
		assertThat(instant(override.<DateProperty<?>>getProperty(Property.DTEND).orElseThrow().getDate()))
			.isEqualTo(moved.plusSeconds(90 * 60));
		assertThat(value(override.getProperty(Property.DTSTAMP))).isEqualTo("20260930T101530Z");
		// the master stays untouched: no EXDATE for a moved occurrence
		assertThat(master(calendar, this.tuesdays).getProperty(Property.EXDATE)).isEmpty();
	}

	@Test
	void extraSessionsAreTheirOwnEventsAndKeepTheirCancellation() throws Exception {
		Instant at = LocalDateTime.of(2026, 10, 30, 10, 0).atZone(BERLIN).toInstant();
		Session extra = CalendarFixtures.extra(this.tuesdays, at);
		Session cancelledExtra = CalendarFixtures.extra(this.tuesdays, at.plusSeconds(86_400));

		Calendar calendar = parse(IcsRenderer.render(List.of(this.tuesdays),
				List.of(FeedSession.of(extra), cancelledView(cancelledExtra)), STAMP));

		VEvent own = event(calendar, extra.getId() + "@therapygroups");
		assertThat(own.getProperty(Property.RRULE)).isEmpty();
		assertThat(own.getProperty(Property.RECURRENCE_ID)).isEmpty();
		DateProperty<?> start = own.<DateProperty<?>>getProperty(Property.DTSTART).orElseThrow();
		assertThat(start.getParameter(Parameter.TZID).map(Parameter::getValue)).contains("Europe/Berlin");
		assertThat(instant(start.getDate())).isEqualTo(at);
		assertThat(value(own.getProperty(Property.STATUS))).isEqualTo("CONFIRMED");
		assertThat(value(own.getProperty(Property.SUMMARY))).isEqualTo("Tuesday relapse prevention");
		assertThat(value(event(calendar, cancelledExtra.getId() + "@therapygroups").getProperty(Property.STATUS)))
			.isEqualTo("CANCELLED");
		assertThat(value(master(calendar, this.tuesdays).getProperty(Property.STATUS))).isEqualTo("CONFIRMED");
	}

	@Test
	void endedGroupsRuleStopsAtItsEnd() throws Exception {
		Instant end = LocalDateTime.of(2026, 10, 21, 12, 0).atZone(BERLIN).toInstant();
		Group ended = CalendarFixtures.group("Ended", "FREQ=WEEKLY;BYDAY=TU", FIRST, CalendarFixtures.BERLIN, "t");
		ended.end(GroupStatus.FINISHED, end, "t", "ran its course");
		Group counted = CalendarFixtures.group(CalendarFixtures.id("group"), "Counted",
				new RecurrenceRule("FREQ=WEEKLY;BYDAY=TU", FIRST, null, 10), CalendarFixtures.BERLIN, "t",
				new Location(null, "https://video.example/c"));
		counted.end(GroupStatus.CANCELLED, end, "t", "stopped early");
		Group beforeFirst = CalendarFixtures.group("Never met", "FREQ=WEEKLY;BYDAY=TU", FIRST, CalendarFixtures.BERLIN,
				"t");
		beforeFirst.end(GroupStatus.CANCELLED, FIRST.minusDays(1).atZone(BERLIN).toInstant(), "t", "no one came");

		Calendar calendar = parse(IcsRenderer.render(List.of(ended, counted, beforeFirst), List.of(), STAMP));

		LocalDate from = LocalDate.of(2026, 10, 1);
		LocalDate to = LocalDate.of(2027, 1, 1);
		List<Instant> expected = List.of(Instant.parse("2026-10-06T16:00:00Z"), Instant.parse("2026-10-13T16:00:00Z"),
				Instant.parse("2026-10-20T16:00:00Z"));
		VEvent endedMaster = master(calendar, ended);
		assertThat(value(endedMaster.getProperty(Property.RRULE))).contains("UNTIL=");
		assertThat(expand(endedMaster, from, to)).isEqualTo(expected);
		VEvent countedMaster = master(calendar, counted);
		assertThat(value(countedMaster.getProperty(Property.RRULE))).contains("COUNT=3").doesNotContain("UNTIL");
		assertThat(expand(countedMaster, from, to)).isEqualTo(expected);
		assertThat(value(countedMaster.getProperty(Property.LOCATION))).isEqualTo("https://video.example/c");
		assertThat(events(calendar))
			.noneMatch((e) -> value(e.getProperty(Property.UID)).startsWith(beforeFirst.getId()));
	}

	@Test
	void aTherapistsYearOfTwentyGroupsIsOneEventPerGroupPlusChanges() throws Exception {
		List<Group> groups = new ArrayList<>();
		List<FeedSession> sessions = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Group group = CalendarFixtures.group("Group " + i, "FREQ=WEEKLY;BYDAY=TU", FIRST.plusMinutes(i),
					CalendarFixtures.BERLIN, "t");
			groups.add(group);
			for (int week = 0; week < 52; week++) {
				Instant start = FIRST.plusMinutes(i).plusWeeks(week).atZone(BERLIN).toInstant();
				Session session = CalendarFixtures.occurrence(group, start,
						(week == 10) ? start.plusSeconds(3600) : start);
				sessions.add((week == 20) ? cancelledView(session) : FeedSession.of(session));
			}
		}

		String text = IcsRenderer.render(groups, sessions, STAMP);

		Calendar calendar = parse(text);
		assertThat(events(calendar)).hasSize(40);
		assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);
		assertThat(text.lines()).allSatisfy((line) -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.hasSizeLessThanOrEqualTo(75));
	}

	@Test
	void longNonAsciiLinesAreFoldedAt75OctetsAndUnfoldUnchanged() throws Exception {
		String name = "Gruppe für Rückfallprävention – Abendgruppe mit Übungen \uD83C\uDF19 ".repeat(3).strip();
		Group group = CalendarFixtures.group(name, "FREQ=WEEKLY;BYDAY=TU", FIRST, CalendarFixtures.BERLIN, "t");

		String text = IcsRenderer.render(List.of(group), List.of(), STAMP);

		assertThat(text).contains("\r\n ");
		assertThat(text.split("\r\n"))
			.allSatisfy((line) -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.hasSizeLessThanOrEqualTo(75));
		assertThat(value(master(parse(text), group).getProperty(Property.SUMMARY))).isEqualTo(name);
	}

	// --- helpers -------------------------------------------------------------------

	private static FeedSession cancelledView(Session session) {
		FeedSession view = FeedSession.of(session);
		return new FeedSession(view.id(), view.groupId(), view.originalStartsAt(), view.startsAt(), view.endsAt(),
				view.extra(), true);
	}

	private static Calendar parse(String text) throws Exception {
		return new CalendarBuilder().build(new StringReader(text));
	}

	private static List<VEvent> events(Calendar calendar) {
		return calendar.<VEvent>getComponents(Component.VEVENT);
	}

	private static VEvent event(Calendar calendar, String uid) {
		return events(calendar).stream()
			.filter((e) -> uid.equals(value(e.getProperty(Property.UID))))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no VEVENT " + uid));
	}

	private static VEvent master(Calendar calendar, Group group) {
		return events(calendar).stream()
			.filter((e) -> (group.getId() + "@therapygroups").equals(value(e.getProperty(Property.UID))))
			.filter((e) -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no master VEVENT of " + group.getName()));
	}

	/** The occurrence starts a client computes from the parsed event. */
	private static List<Instant> expand(VEvent event, LocalDate from, LocalDate to) {
		Period<ZonedDateTime> window = new Period<>(from.atStartOfDay(ZoneOffset.UTC), to.atStartOfDay(ZoneOffset.UTC));
		return event.calculateRecurrenceSet(window).stream().map((p) -> instant(p.getStart())).sorted().toList();
	}

	private static Instant instant(Temporal temporal) {
		return Instant.from(temporal);
	}

	private static String value(Optional<? extends Property> property) {
		return property.map(Property::getValue).orElse(null);
	}

}
