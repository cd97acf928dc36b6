package org.therapygroups.sessions.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import org.therapygroups.platform.problem.PlausibleTimes;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.Sessions;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.Violations;

/**
 * Which groups and sessions belong to a user's own calendar: a therapist's are the groups
 * they facilitate; a patient's are the groups they hold a seat in now, plus, for the
 * past, the sessions whose roster included them. Directors have none (they attend no
 * sessions; the dashboards are theirs).
 */
@Component
class Schedules {

	static final long MAX_DAYS = 400;

	private final Groups groups;

	private final Sessions sessions;

	private final Clock clock;

	Schedules(Groups groups, Sessions sessions, Clock clock) {
		this.groups = groups;
		this.sessions = sessions;
		this.clock = clock;
	}

	/** A validated time range of the schedule. */
	record Range(Instant from, Instant to) {
	}

	/**
	 * Parses {@code from} and {@code to}: ISO instants, by default from a day ago to 60
	 * days ahead, at most {@value #MAX_DAYS} days apart.
	 * @throws ApiProblem 400 with field errors
	 */
	Range range(String from, String to) {
		Violations violations = new Violations();
		Instant now = this.clock.instant();
		Instant start = parse("from", from, now.minus(1, ChronoUnit.DAYS), violations);
		Instant end = parse("to", to, null, violations);
		violations.throwIfAny();
		if (end == null) {
			end = ((from != null) ? start : now).plus(60, ChronoUnit.DAYS);
		}
		if (!end.isAfter(start)) {
			violations.add("to", "must be after from");
		}
		else if (start.plus(MAX_DAYS, ChronoUnit.DAYS).isBefore(end)) {
			violations.add("to", "must be at most " + MAX_DAYS + " days after from");
		}
		violations.throwIfAny();
		return new Range(start, end);
	}

	private static Instant parse(String field, String value, Instant otherwise, Violations violations) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			Instant instant = Instant.parse(value.strip());
			if (!PlausibleTimes.plausible(instant)) {
				violations.add(field, PlausibleTimes.OUT_OF_RANGE);
				return otherwise;
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			violations.add(field, "must be an ISO-8601 instant, e.g. 2026-11-03T17:00:00Z");
			return otherwise;
		}
	}

	/**
	 * The caller's sessions starting in the range, in order, cancelled ones included.
	 * @param actor a therapist or patient
	 * @param range the range
	 * @return the items
	 */
	List<ScheduleItem> of(Actor actor, Range range) {
		CalendarFeeds.requireFeedRole(actor);
		List<Group> mine = switch (actor.role()) {
			case THERAPIST -> this.groups.facilitatedBy(actor.id());
			case PATIENT -> this.groups.visibleTo(actor).stream().filter((g) -> g.hasEpisodeOf(actor.id())).toList();
			case DIRECTOR -> List.of();
		};
		if (mine.isEmpty()) {
			return List.of();
		}
		Map<String, Group> byId = mine.stream().collect(Collectors.toMap(Group::getId, Function.identity()));
		Instant now = this.clock.instant();
		List<ScheduleItem> items = new ArrayList<>();
		for (Session session : this.sessions.ofGroups(byId.keySet(), range.from(), range.to())) {
			Group group = byId.get(session.getGroupId());
			if (actor.is(Actor.Role.THERAPIST) || isOnPatientSchedule(group, session, actor.id(), now)) {
				items.add(ScheduleItem.of(group, session));
			}
		}
		items.sort(Comparator.comparing(ScheduleItem::startsAt).thenComparing(ScheduleItem::sessionId));
		return items;
	}

	/**
	 * A patient's session: one still ahead in a group they hold a seat in, or one whose
	 * roster included them (a seat at some point of its time). Sessions of the group from
	 * before they joined are not theirs.
	 */
	static boolean isOnPatientSchedule(Group group, Session session, String patientId, Instant now) {
		if (group.hasSeat(patientId) && session.getEndsAt().isAfter(now)) {
			return true;
		}
		return group.rosterFor(session.getStartsAt(), session.getEndsAt()).contains(patientId);
	}

	/** The groups of a feed: a therapist's facilitated groups, a patient's seats. */
	List<Group> feedGroups(String userId, Actor.Role role) {
		return switch (role) {
			case THERAPIST -> this.groups.facilitatedBy(userId);
			case PATIENT -> this.groups.seatedIn(userId);
			case DIRECTOR -> List.of();
		};
	}

	/**
	 * The feed of a user as iCalendar text.
	 * @param feed a working feed
	 * @return the calendar
	 */
	String ics(CalendarFeed feed) {
		List<Group> groups = feedGroups(feed.userId(), feed.role());
		List<FeedSession> sessions = groups.isEmpty() ? List.of()
				: this.sessions.timesOf(groups.stream().map(Group::getId).toList())
					.stream()
					.map(FeedSession::of)
					.toList();
		return IcsRenderer.render(groups, sessions, this.clock.instant());
	}

}
