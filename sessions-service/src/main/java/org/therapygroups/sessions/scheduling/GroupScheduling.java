package org.therapygroups.sessions.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.therapygroups.events.sessions.GroupCancelled;
import org.therapygroups.events.sessions.GroupCreated;
import org.therapygroups.events.sessions.GroupUpdated;
import org.therapygroups.sessions.booking.Bookings;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.GroupStatus;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.sessions.group.RecurrenceRule;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.sessions.program.Program;
import org.therapygroups.sessions.program.Programs;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.SessionLifecycle;
import org.therapygroups.sessions.session.Sessions;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;
import org.therapygroups.sessions.support.SchedulingProperties;
import org.therapygroups.platform.problem.Violations;

/**
 * Creates, changes and ends groups, and keeps their sessions expanded over the rolling
 * horizon. Facilitators and rooms are booked before anything is stored, so a double
 * booking refuses the whole request.
 */
@Service
public class GroupScheduling {

	private static final Logger log = LoggerFactory.getLogger(GroupScheduling.class);

	private final Groups groups;

	private final Programs programs;

	private final Sessions sessions;

	private final SessionLifecycle lifecycle;

	private final Bookings bookings;

	private final Directory directory;

	private final OutboxRelay relay;

	private final SchedulingProperties properties;

	private final Clock clock;

	GroupScheduling(Groups groups, Programs programs, Sessions sessions, SessionLifecycle lifecycle, Bookings bookings,
			Directory directory, OutboxRelay relay, SchedulingProperties properties, Clock clock) {
		this.groups = groups;
		this.programs = programs;
		this.sessions = sessions;
		this.lifecycle = lifecycle;
		this.bookings = bookings;
		this.directory = directory;
		this.relay = relay;
		this.properties = properties;
		this.clock = clock;
	}

	Group create(String programId, GroupRequest request, Actor actor) {
		Program program = this.programs.directedBy(programId, actor);
		Violations violations = new Violations();
		Group.Settings settings = request.settings(null, this.directory, violations);
		RecurrenceRule recurrence = request.recurrence(program.zone(), violations);
		Instant now = this.clock.instant();
		if (recurrence != null && recurrence.start() != null && !plausibleStart(recurrence, program, now)) {
			// expansion walks the rule from its start: a start decades away is work
			// without
			// use
			violations.add("recurrence.start", "must be within one year before and five years after today");
		}
		violations.throwIfAny();
		Group group = new Group(UUID.randomUUID().toString(), programId, settings, recurrence, program.timeZone(), now,
				actor.id());
		group.record(new GroupCreated(group.getId(), group.definition(program.directorIds()), actor.id(), now));
		Instant horizon = horizonEnd(now);
		// a group that already meets (a start in the past) gets its past occurrences too,
		// so their attendance can be recorded
		Instant first = recurrence.start().atZone(program.zone()).toInstant();
		Instant after = first.isBefore(now) ? first.minusSeconds(1) : now;
		List<Session> planned = this.sessions.plan(group, after, horizon, now);
		this.sessions.book(group, planned, this.groups.manageableBy(actor));
		group.expandedUntil(horizon);
		try {
			this.groups.insert(group);
		}
		catch (RuntimeException ex) {
			this.bookings.release(Sessions.resourcesOf(group), planned.stream().map(Session::getId).toList());
			throw ex;
		}
		// a crash here leaves the group without some sessions; the horizon job fills them
		// in
		this.sessions.insert(group, planned);
		this.relay.trigger();
		return group;
	}

	/**
	 * The first occurrences a recurrence would give in a program, before anything is
	 * stored: what the recurrence editor shows. Checked as creating the group would check
	 * it, so a rule the preview accepts is one creation accepts.
	 * @param programId the program, directed by the caller
	 * @param request the recurrence as it would be submitted
	 * @param max how many occurrences at most
	 * @param actor the caller
	 * @return the program's zone, the rule as stored, and the occurrences
	 */
	RecurrencePreview preview(String programId, GroupRequest request, int max, Actor actor) {
		Program program = this.programs.directedBy(programId, actor);
		Violations violations = new Violations();
		RecurrenceRule recurrence = request.recurrence(program.zone(), violations);
		Instant now = this.clock.instant();
		if (recurrence != null && recurrence.start() != null && !plausibleStart(recurrence, program, now)) {
			violations.add("recurrence.start", "must be within one year before and five years after today");
		}
		violations.throwIfAny();
		Instant first = recurrence.start().atZone(program.zone()).toInstant();
		Instant upTo = first.atOffset(ZoneOffset.UTC).plusYears(6).toInstant();
		List<RecurrencePreview.Occurrence> occurrences = recurrence
			.occurrences(program.zone(), first.minusSeconds(1), upTo, max)
			.stream()
			.map((start) -> new RecurrencePreview.Occurrence(start, start.atZone(program.zone()).toLocalDateTime()))
			.toList();
		return new RecurrencePreview(program.timeZone(), recurrence.effectiveRule(program.zone()), occurrences);
	}

	private static boolean plausibleStart(RecurrenceRule recurrence, Program program, Instant now) {
		Instant start = recurrence.start().atZone(program.zone()).toInstant();
		return !start.isBefore(now.minus(java.time.Duration.ofDays(366)))
				&& !start.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(5).toInstant());
	}

	Group update(String groupId, GroupRequest request, Actor actor) {
		Group result = Retries.onConflict(() -> {
			Group group = this.groups.managed(groupId, actor);
			if (group.getStatus() != GroupStatus.ACTIVE) {
				throw ApiProblem.conflict("The group has ended and cannot be changed.");
			}
			Violations violations = new Violations();
			if (request.recurrence() != null) {
				violations.add("recurrence",
						"cannot be changed; move or cancel single sessions, or end the group and start a new one");
			}
			Group.Settings settings = request.settings(group.settings(), this.directory, violations);
			violations.throwIfAny();
			List<String> before = Sessions.resourcesOf(group);
			group.apply(settings);
			List<String> after = Sessions.resourcesOf(group);
			if (!before.equals(after)) {
				rebook(group, before, after, actor);
			}
			Instant now = this.clock.instant();
			group.record(new GroupUpdated(group.getId(),
					group.definition(this.programs.get(group.getProgramId()).directorIds()), actor.id(), now));
			group.promoteWaitlisted(now);
			return this.groups.save(group);
		});
		this.relay.trigger();
		return result;
	}

	/** New facilitators or a new room take over every future session, or none. */
	private void rebook(Group group, List<String> before, List<String> after, Actor actor) {
		List<Session> future = this.sessions.scheduledAfter(group.getId(), this.clock.instant());
		List<String> ids = future.stream().map(Session::getId).toList();
		this.bookings.book(after, future.stream().map(Sessions::booking).toList(), this.groups.manageableBy(actor));
		this.bookings.release(before.stream().filter((r) -> !after.contains(r)).toList(), ids);
		this.sessions.useResources(group.getId(), ids, after);
	}

	Group end(String groupId, String outcome, String reason, Actor actor) {
		GroupStatus status;
		try {
			status = GroupStatus.valueOf((outcome == null) ? "" : outcome.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			status = null;
		}
		if (status == null || status == GroupStatus.ACTIVE) {
			throw ApiProblem.badRequest("outcome", "must be FINISHED or CANCELLED");
		}
		GroupStatus target = status;
		Instant now = this.clock.instant();
		Group ended = Retries.onConflict(() -> {
			Group group = this.groups.managed(groupId, actor);
			if (group.getStatus() != GroupStatus.ACTIVE) {
				throw ApiProblem.conflict("The group has already ended.");
			}
			group.end(target, now, actor.id(), reason);
			group.record(new GroupCancelled(group.getId(), group.getProgramId(), target.name(), now, actor.id(), now));
			return this.groups.save(group);
		});
		// sessions are separate documents: a crash here is finished by the horizon job
		this.lifecycle.cancelAllAfter(ended, now, actor, "group " + target.name().toLowerCase(Locale.ROOT));
		return ended;
	}

	/** Keeps every active group expanded up to the horizon; finishes interrupted work. */
	@Scheduled(cron = "${therapy.sessions.horizon-job-cron:0 15 2 * * *}")
	public void extendHorizon() {
		Instant now = this.clock.instant();
		Instant horizon = horizonEnd(now);
		int created = 0;
		for (Group listed : this.groups.active()) {
			try {
				created += extend(listed.getId(), now, horizon);
			}
			catch (ApiProblem ex) {
				// a resource was booked by hand meanwhile: those occurrences wait for a
				// person
				log.warn("Group {} not extended: {}", listed.getId(), ex.getMessage());
			}
		}
		this.bookings.prune(now.minus(java.time.Duration.ofDays(1)));
		if (created > 0) {
			log.info("Horizon extended to {}: {} session(s) scheduled", horizon, created);
			this.relay.trigger();
		}
	}

	int extend(String groupId, Instant now, Instant horizon) {
		Group group = this.groups.get(groupId);
		Instant from = group.getCreatedAt().isAfter(now) ? group.getCreatedAt() : now;
		int created = this.sessions.expand(group, from, horizon, now).size();
		if (group.getExpandedUntil() == null || group.getExpandedUntil().isBefore(horizon)) {
			Retries.onConflict(() -> {
				Group fresh = this.groups.get(groupId);
				fresh.expandedUntil(horizon);
				return this.groups.save(fresh);
			});
		}
		return created;
	}

	/** The end of the horizon: whole days, so repeated runs the same day agree. */
	Instant horizonEnd(Instant now) {
		return now.atOffset(ZoneOffset.UTC)
			.toLocalDate()
			.plusDays(1)
			.plus(this.properties.horizon())
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
	}

}
