package org.therapygroups.sessions.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.RecurrenceRule;

/**
 * Writes an RFC 5545 calendar for a set of groups: per group one master VEVENT with the
 * recurrence (local time in the group's zone, so 18:00 stays 18:00 across DST), EXDATEs
 * for cancelled occurrences, one override VEVENT (RECURRENCE-ID) per moved occurrence,
 * and one VEVENT per extra session. Only names, times and places go in, nothing clinical.
 * The cost is linear in groups plus changed sessions: regular occurrences are never
 * written one by one.
 */
final class IcsRenderer {

	static final String PRODID = "-//Therapy Groups//Sessions Calendar 1.0//EN";

	static final String UID_DOMAIN = "@therapygroups";

	/** Time zone definitions are read once per zone and kept (the registry caches). */
	private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

	/** How far past a group's end to look for occurrences the end cut off. */
	private static final Duration END_LOOKAHEAD = Duration.ofDays(800);

	private IcsRenderer() {
	}

	/**
	 * The calendar text.
	 * @param groups the groups of the feed
	 * @param sessions their sessions (at least the cancelled, moved and extra ones;
	 * others are ignored)
	 * @param stamp the DTSTAMP of every event
	 * @return the iCalendar text, CRLF lines folded at 75 octets
	 */
	static String render(List<Group> groups, List<FeedSession> sessions, Instant stamp) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId(PRODID));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(ImmutableMethod.PUBLISH);

		Instant dtStamp = stamp.truncatedTo(ChronoUnit.SECONDS);
		Map<String, List<FeedSession>> byGroup = new HashMap<>();
		for (FeedSession session : sessions) {
			byGroup.computeIfAbsent(session.groupId(), (id) -> new ArrayList<>()).add(session);
		}
		TreeSet<String> zones = new TreeSet<>();
		List<VEvent> events = new ArrayList<>();
		List<Group> ordered = new ArrayList<>(groups);
		ordered.sort(Comparator.comparing(Group::getName, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Group::getId));
		for (Group group : ordered) {
			ZoneId zone = group.zone();
			zones.add(zone.getId());
			addEvents(group, zone, byGroup.getOrDefault(group.getId(), List.of()), dtStamp, events);
		}
		for (String zoneId : zones) {
			TimeZone timeZone = ZONES.getTimeZone(zoneId);
			if (timeZone != null) {
				calendar.add(timeZone.getVTimeZone());
			}
		}
		events.forEach(calendar::add);
		return write(calendar);
	}

	private static void addEvents(Group group, ZoneId zone, List<FeedSession> sessions, Instant stamp,
			List<VEvent> events) {
		String uid = group.getId() + UID_DOMAIN;
		Duration length = Duration.ofMinutes(group.getSessionMinutes());
		Optional<String> rule = ruleOf(group, zone);
		if (rule.isPresent()) {
			ZonedDateTime start = group.getRecurrence().start().atZone(zone);
			VEvent master = event(uid, start, start.plus(length), group, stamp, false);
			master.add(new RRule<ZonedDateTime>(rule.get()));
			List<LocalDateTime> cancelled = sessions.stream()
				.filter((s) -> s.isOccurrence() && s.cancelled())
				.map((s) -> s.originalStartsAt().atZone(zone).toLocalDateTime())
				.sorted()
				.distinct()
				.toList();
			if (!cancelled.isEmpty()) {
				master.add(new ExDate<>(tzid(zone), new DateList<>(cancelled)));
			}
			events.add(master);
			sessions.stream()
				.filter((s) -> s.isOccurrence() && !s.cancelled() && isMoved(s, length))
				.sorted(Comparator.comparing(FeedSession::originalStartsAt))
				.forEach((s) -> {
					VEvent override = event(uid, s.startsAt().atZone(zone), s.endsAt().atZone(zone), group, stamp,
							false);
					override.add(new RecurrenceId<>(tzid(zone), s.originalStartsAt().atZone(zone).toLocalDateTime()));
					events.add(override);
				});
		}
		sessions.stream()
			.filter((s) -> !s.isOccurrence())
			.sorted(Comparator.comparing(FeedSession::startsAt))
			.forEach((s) -> events.add(event(s.id() + UID_DOMAIN, s.startsAt().atZone(zone), s.endsAt().atZone(zone),
					group, stamp, s.cancelled())));
	}

	private static boolean isMoved(FeedSession session, Duration length) {
		return !session.originalStartsAt().equals(session.startsAt())
				|| !session.originalStartsAt().plus(length).equals(session.endsAt());
	}

	private static VEvent event(String uid, ZonedDateTime start, ZonedDateTime end, Group group, Instant stamp,
			boolean cancelled) {
		VEvent event = new VEvent(false);
		event.add(new DtStamp(stamp));
		event.add(new Uid(uid));
		event.add(new DtStart<>(tzid(start.getZone()), start.toLocalDateTime()));
		event.add(new DtEnd<>(tzid(end.getZone()), end.toLocalDateTime()));
		event.add(new Summary(group.getName()));
		String where = where(group.getLocation());
		if (where != null) {
			event.add(new net.fortuna.ical4j.model.property.Location(where));
		}
		Status status = cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED;
		event.add(status);
		return event;
	}

	private static ParameterList tzid(ZoneId zone) {
		return new ParameterList(List.of(new TzId(zone.getId())));
	}

	private static String where(Location location) {
		if (location == null) {
			return null;
		}
		String room = blankToNull(location.room());
		String link = blankToNull(location.telehealthUrl());
		if (room != null && link != null) {
			return room + " / " + link;
		}
		return (room != null) ? room : link;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The RRULE of a group: its effective rule while it meets; for an ended group the
	 * same rule cut at the end (keeping a COUNT form when the rule counts), unless it ran
	 * out on its own before the end.
	 * @return the rule, or empty if no occurrence is left (ended before its first)
	 */
	static Optional<String> ruleOf(Group group, ZoneId zone) {
		RecurrenceRule recurrence = group.getRecurrence();
		String effective = withoutPrefix(recurrence.effectiveRule(zone));
		Instant end = group.getEndedAt();
		if (end == null) {
			return Optional.of(effective);
		}
		Instant first = recurrence.start().atZone(zone).toInstant();
		if (!end.isAfter(first)) {
			return Optional.empty();
		}
		if (recurrence.occurrences(zone, end.minusSeconds(1), end.plus(END_LOOKAHEAD), 1).isEmpty()) {
			// the rule ended by itself before the group did: nothing to cut
			return Optional.of(effective);
		}
		if (effective.toUpperCase(Locale.ROOT).contains("COUNT=")) {
			int held = recurrence
				.occurrences(zone, first.minusSeconds(1), end.minusSeconds(1), RecurrenceRule.MAX_COUNT)
				.size();
			return Optional.of(effective.replaceAll("(?i)COUNT=\\d+", "COUNT=" + held));
		}
		return Optional.of(withoutPrefix(recurrence.endingBefore(end)));
	}

	private static String withoutPrefix(String rule) {
		String value = rule.strip();
		return value.regionMatches(true, 0, "RRULE:", 0, 6) ? value.substring(6) : value;
	}

	/**
	 * The calendar's content lines folded at 75 octets (RFC 5545 3.1), never inside a
	 * UTF-8 sequence. Faster than ical4j's character-by-character FoldingWriter, and most
	 * lines need no folding at all.
	 */
	static String write(Calendar calendar) {
		String text = calendar.toString();
		StringBuilder out = new StringBuilder(text.length() + 256);
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf("\r\n", start);
			if (end < 0) {
				end = text.length();
			}
			fold(text, start, end, out);
			out.append("\r\n");
			start = end + 2;
		}
		return out.toString();
	}

	private static void fold(String text, int start, int end, StringBuilder out) {
		if (end - start <= 75 && isAscii(text, start, end)) {
			out.append(text, start, end);
			return;
		}
		int octets = 0;
		int i = start;
		while (i < end) {
			int codePoint = text.codePointAt(i);
			int chars = Character.charCount(codePoint);
			int bytes = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (octets + bytes > 75) {
				out.append("\r\n ");
				octets = 1;
			}
			out.append(text, i, i + chars);
			octets += bytes;
			i += chars;
		}
	}

	private static boolean isAscii(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

}
