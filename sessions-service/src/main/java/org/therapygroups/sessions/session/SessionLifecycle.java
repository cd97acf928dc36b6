package org.therapygroups.sessions.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCancelled;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.events.sessions.SessionRescheduled;
import org.therapygroups.events.sessions.SessionScheduled;
import org.therapygroups.events.sessions.SessionStarted;
import org.therapygroups.sessions.booking.Bookings;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.GroupStatus;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;
import org.therapygroups.platform.problem.Violations;

/**
 * What happens to one session: moved, cancelled, added, started, completed. Each step is
 * one version-guarded write of the session document together with its event.
 */
@Service
public class SessionLifecycle {

	/** A facilitator may open the room this long before the start. */
	public static final Duration EARLY_START = Duration.ofMinutes(15);

	static final Duration LONGEST_SESSION = Duration.ofHours(8);

	private final Sessions sessions;

	private final Groups groups;

	private final Bookings bookings;

	private final OutboxRelay relay;

	private final Clock clock;

	SessionLifecycle(Sessions sessions, Groups groups, Bookings bookings, OutboxRelay relay, Clock clock) {
		this.sessions = sessions;
		this.groups = groups;
		this.bookings = bookings;
		this.relay = relay;
		this.clock = clock;
	}

	/** A session with its group, for a caller who manages the group. */
	public Managed managed(String sessionId, Actor actor) {
		Session session = this.sessions.get(sessionId);
		return new Managed(session, this.groups.managed(session.getGroupId(), actor));
	}

	public record Managed(Session session, Group group) {
	}

	Session reschedule(String sessionId, Instant startsAt, Instant endsAt, String reason, Actor actor) {
		Session result = Retries.onConflict(() -> {
			Managed managed = managed(sessionId, actor);
			Session session = managed.session();
			requireStatus(session, SessionStatus.SCHEDULED, "rescheduled");
			Instant end = (endsAt != null) ? endsAt
					: startsAt.plus(Duration.between(session.getStartsAt(), session.getEndsAt()));
			validateTimes(startsAt, end);
			List<String> resources = Sessions.resourcesOf(managed.group());
			Instant now = this.clock.instant();
			List<String> dropped = session.getResources().stream().filter((r) -> !resources.contains(r)).toList();
			session.moveTo(startsAt, end, reason, actor.id());
			this.bookings.book(resources, List.of(Sessions.booking(session)), this.groups.manageableBy(actor));
			this.bookings.release(dropped, List.of(session.getId()));
			session.useResources(resources);
			session.record(new SessionRescheduled(session.getId(), session.getGroupId(),
					(session.getOriginalStartsAt() != null) ? session.getOriginalStartsAt() : startsAt, startsAt, end,
					actor.id(), now));
			return this.sessions.save(session);
		});
		this.relay.trigger();
		return result;
	}

	Session cancel(String sessionId, String reason, Actor actor) {
		if (reason == null || reason.isBlank()) {
			throw ApiProblem.badRequest("reason", "is required when cancelling a session");
		}
		Session result = Retries.onConflict(() -> {
			Managed managed = managed(sessionId, actor);
			Session session = managed.session();
			requireStatus(session, SessionStatus.SCHEDULED, "cancelled");
			Instant now = this.clock.instant();
			session.cancel(reason.strip(), actor.id(), now);
			session.record(new SessionCancelled(session.getId(), session.getGroupId(), session.getStartsAt(),
					actor.id(), now));
			return this.sessions.save(session);
		});
		this.bookings.release(result.getResources(), List.of(result.getId()));
		this.relay.trigger();
		return result;
	}

	/**
	 * Cancels a group's sessions after a time, because the group ended.
	 * @param group the group
	 * @param after the end
	 * @param actor who ended it
	 */
	public void cancelAllAfter(Group group, Instant after, Actor actor, String reason) {
		Instant now = this.clock.instant();
		java.util.Map<String, List<String>> released = new java.util.LinkedHashMap<>();
		for (Session listed : this.sessions.scheduledAfter(group.getId(), after)) {
			Session cancelled = Retries.onConflict(() -> {
				Session session = this.sessions.get(listed.getId());
				if (session.getStatus() != SessionStatus.SCHEDULED) {
					return session;
				}
				session.cancel(reason, actor.id(), now);
				session.record(new SessionCancelled(session.getId(), session.getGroupId(), session.getStartsAt(),
						actor.id(), now));
				return this.sessions.save(session);
			});
			cancelled.getResources()
				.forEach((resource) -> released.computeIfAbsent(resource, (r) -> new java.util.ArrayList<>())
					.add(cancelled.getId()));
		}
		// one write per facilitator and room, not one per session
		released.forEach((resource, ids) -> this.bookings.release(List.of(resource), ids));
		this.relay.trigger();
	}

	Session addExtra(String groupId, Instant startsAt, Instant endsAt, Actor actor) {
		Group group = this.groups.managed(groupId, actor);
		if (group.getStatus() != GroupStatus.ACTIVE) {
			throw ApiProblem.conflict("The group has ended; no sessions can be added.");
		}
		Instant end = (endsAt != null) ? endsAt
				: (startsAt != null) ? startsAt.plus(Duration.ofMinutes(group.getSessionMinutes())) : null;
		validateTimes(startsAt, end);
		Instant now = this.clock.instant();
		List<String> resources = Sessions.resourcesOf(group);
		Session session = new Session(UUID.randomUUID().toString(), groupId, group.getProgramId(), null, startsAt, end,
				true, resources);
		session.record(new SessionScheduled(session.getId(), groupId, startsAt, end, true, now));
		this.bookings.book(resources, List.of(Sessions.booking(session)), this.groups.manageableBy(actor));
		try {
			this.sessions.insert(session);
		}
		catch (RuntimeException ex) {
			this.bookings.release(resources, List.of(session.getId()));
			throw ex;
		}
		this.relay.trigger();
		return session;
	}

	Session start(String sessionId, Actor actor) {
		Session result = Retries.onConflict(() -> {
			Managed managed = managed(sessionId, actor);
			Session session = managed.session();
			requireStatus(session, SessionStatus.SCHEDULED, "started");
			Instant now = this.clock.instant();
			if (now.isBefore(session.getStartsAt().minus(EARLY_START))) {
				throw ApiProblem.conflict("A session can be started from " + EARLY_START.toMinutes()
						+ " minutes before its start (" + session.getStartsAt() + ").");
			}
			session.start(actor.id(), now);
			session.record(new SessionStarted(session.getId(), session.getGroupId(), actor.id(), now));
			return this.sessions.save(session);
		});
		this.relay.trigger();
		return result;
	}

	/**
	 * Ends a session and announces its roster with everyone's attendance; members nobody
	 * recorded are sent as NOT_RECORDED.
	 */
	Session complete(String sessionId, Actor actor) {
		Session result = Retries.onConflict(() -> {
			Managed managed = managed(sessionId, actor);
			Session session = managed.session();
			Instant now = this.clock.instant();
			if (session.getStatus() == SessionStatus.SCHEDULED) {
				if (now.isBefore(session.getStartsAt())) {
					throw ApiProblem.conflict("The session has not started yet.");
				}
				session.start(actor.id(), now);
			}
			requireStatus(session, SessionStatus.IN_PROGRESS, "completed");
			session.complete(actor.id(), now);
			Group group = managed.group();
			Map<String, AttendanceRecord> attendance = session.currentAttendance();
			List<RosterEntry> roster = group.rosterFor(session.getStartsAt(), session.getEndsAt())
				.stream()
				.map((patientId) -> new RosterEntry(patientId,
						(attendance.containsKey(patientId)) ? attendance.get(patientId).status()
								: AttendanceStatus.NOT_RECORDED))
				.toList();
			session.record(new SessionCompleted(session.getId(), group.getId(), group.getProgramId(),
					group.getModality().name(), session.getStartsAt(), session.getEndsAt(), roster,
					group.facilitatorIds()), now);
			return this.sessions.save(session);
		});
		// after the session's own write, as for a cancellation: a crash in between
		// leaves the rest of the slot taken, never frees a session still running
		this.bookings.endEarly(result.getResources(), result.getId(), result.getCompletedAt());
		this.relay.trigger();
		return result;
	}

	private static void requireStatus(Session session, SessionStatus expected, String verb) {
		if (session.getStatus() != expected) {
			throw ApiProblem.conflict("A " + session.getStatus() + " session cannot be " + verb + ".");
		}
	}

	static void validateTimes(Instant startsAt, Instant endsAt) {
		Violations violations = new Violations();
		if (startsAt == null) {
			violations.add("startsAt", "is required");
		}
		else if (endsAt != null && !endsAt.isAfter(startsAt)) {
			violations.add("endsAt", "must be after startsAt");
		}
		else if (endsAt != null && Duration.between(startsAt, endsAt).compareTo(LONGEST_SESSION) > 0) {
			violations.add("endsAt", "a session lasts at most 8 hours");
		}
		violations.throwIfAny();
	}

}
