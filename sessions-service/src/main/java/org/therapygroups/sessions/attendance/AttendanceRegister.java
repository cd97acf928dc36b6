package org.therapygroups.sessions.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import org.therapygroups.events.sessions.AttendanceCorrected;
import org.therapygroups.events.sessions.AttendanceRecorded;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.sessions.session.AttendanceRecord;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.SessionLifecycle;
import org.therapygroups.sessions.session.SessionStatus;
import org.therapygroups.sessions.session.Sessions;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;
import org.therapygroups.platform.problem.Violations;

/**
 * Records attendance per session and member. Every record is a new version inside the
 * session document (one atomic write with its event); a correction says why, and nothing
 * earlier is overwritten. Only the members on a session's roster can have attendance.
 */
@Service
class AttendanceRegister {

	/** A patient checks in from this long before the start... */
	static final Duration CHECK_IN_OPENS = Duration.ofMinutes(15);

	/** ...until this long after it. */
	static final Duration CHECK_IN_CLOSES = Duration.ofMinutes(10);

	/** Statuses that say the member was there: only once the session can have begun. */
	private static final Set<AttendanceStatus> ATTENDED = EnumSet.of(AttendanceStatus.PRESENT, AttendanceStatus.LATE,
			AttendanceStatus.LEFT_EARLY, AttendanceStatus.NO_SHOW);

	private static final Set<AttendanceStatus> WITH_MINUTES = EnumSet.of(AttendanceStatus.LATE,
			AttendanceStatus.LEFT_EARLY);

	/**
	 * Far above any group's size; a bound on what one request may ask of the database.
	 */
	static final int MAX_ROSTER = 100;

	/** One member's attendance as a request names it. */
	record Mark(String patientId, String status, Integer minutes, String reason) {
	}

	private final Sessions sessions;

	private final Groups groups;

	private final SessionLifecycle lifecycle;

	private final OutboxRelay relay;

	private final Clock clock;

	AttendanceRegister(Sessions sessions, Groups groups, SessionLifecycle lifecycle, OutboxRelay relay, Clock clock) {
		this.sessions = sessions;
		this.groups = groups;
		this.lifecycle = lifecycle;
		this.relay = relay;
		this.clock = clock;
	}

	AttendanceView record(String sessionId, String patientId, String status, Integer minutes, String reason,
			Actor actor) {
		return recordAll(sessionId, List.of(new Mark(patientId, status, minutes, reason)), null, actor).get(0);
	}

	/**
	 * Records several members' attendance at one session, all or nothing: one write of
	 * the session with an event per member. A facilitator taking the roster at the end of
	 * a group waits for one answer instead of one per member.
	 */
	List<AttendanceView> recordRoster(String sessionId, List<Mark> marks, Actor actor) {
		if (marks == null || marks.isEmpty()) {
			throw ApiProblem.badRequest("records", "must name at least one member");
		}
		if (marks.size() > MAX_ROSTER) {
			throw ApiProblem.badRequest("records", "names at most " + MAX_ROSTER + " members at once");
		}
		return recordAll(sessionId, marks, "records", actor);
	}

	/**
	 * @param path where the marks are in the request body ({@code null}: the body is the
	 * one mark)
	 */
	private List<AttendanceView> recordAll(String sessionId, List<Mark> marks, String path, Actor actor) {
		List<AttendanceRecord> saved = Retries.onConflict(() -> {
			SessionLifecycle.Managed managed = this.lifecycle.managed(sessionId, actor);
			Session session = managed.session();
			List<String> roster = managed.group().rosterFor(session.getStartsAt(), session.getEndsAt());
			Violations violations = new Violations();
			List<AttendanceStatus> statuses = new ArrayList<>();
			Set<String> named = new HashSet<>();
			for (int i = 0; i < marks.size(); i++) {
				Mark mark = marks.get(i);
				String at = (path == null) ? "" : path + "[" + i + "].";
				if (mark == null) {
					violations.add(path + "[" + i + "]", "must be a member's attendance");
					statuses.add(null);
					continue;
				}
				statuses.add(validate(session, mark.status(), mark.minutes(), at, violations));
				if (!roster.contains(mark.patientId())) {
					violations.add(at + "patientId", "is not a member of this session");
				}
				else if (!named.add(mark.patientId())) {
					violations.add(at + "patientId", "is named more than once");
				}
				if (session.currentAttendanceOf(mark.patientId()).isPresent()
						&& (mark.reason() == null || mark.reason().isBlank())) {
					violations.add(at + "reason", "is required to correct recorded attendance");
				}
			}
			violations.throwIfAny();
			if (session.getStatus() == SessionStatus.CANCELLED) {
				throw ApiProblem.conflict("The session was cancelled; it has no attendance.");
			}
			Instant now = this.clock.instant();
			List<AttendanceRecord> records = new ArrayList<>();
			for (int i = 0; i < marks.size(); i++) {
				Mark mark = marks.get(i);
				AttendanceStatus attendance = statuses.get(i);
				if (ATTENDED.contains(attendance) && now.isBefore(session.getStartsAt().minus(CHECK_IN_OPENS))) {
					throw ApiProblem
						.conflict("Attendance such as " + attendance + " can be recorded once the session begins.");
				}
				Optional<AttendanceRecord> current = session.currentAttendanceOf(mark.patientId());
				int version = current.map((r) -> r.version() + 1).orElse(1);
				AttendanceRecord record = new AttendanceRecord(mark.patientId(), version, attendance, mark.minutes(),
						AttendanceRecord.FACILITATOR, actor.id(), now,
						current.isPresent() ? mark.reason().strip() : null);
				add(session, record);
				records.add(record);
			}
			this.sessions.save(session);
			return records;
		});
		this.relay.trigger();
		return saved.stream().map((record) -> AttendanceView.of(sessionId, record)).toList();
	}

	AttendanceView checkIn(String sessionId, Actor actor) {
		if (!actor.is(Actor.Role.PATIENT)) {
			throw ApiProblem.forbidden("Patients check themselves in; staff record attendance.");
		}
		AttendanceRecord saved = Retries.onConflict(() -> {
			Session session = this.sessions.get(sessionId);
			Group group = this.groups.get(session.getGroupId());
			if (!group.rosterFor(session.getStartsAt(), session.getEndsAt()).contains(actor.id())) {
				throw ApiProblem.forbidden("You are not a member of this session.");
			}
			if (session.getStatus() == SessionStatus.CANCELLED || session.getStatus() == SessionStatus.COMPLETED) {
				throw ApiProblem
					.conflict("The session is " + session.getStatus().name().toLowerCase(Locale.ROOT) + ".");
			}
			Instant now = this.clock.instant();
			Instant opens = session.getStartsAt().minus(CHECK_IN_OPENS);
			Instant closes = session.getStartsAt().plus(CHECK_IN_CLOSES);
			if (now.isBefore(opens) || now.isAfter(closes)) {
				throw ApiProblem.conflict("Check-in is open from " + opens + " to " + closes + ".",
						Map.of("opensAt", opens.toString(), "closesAt", closes.toString()));
			}
			if (session.currentAttendanceOf(actor.id()).isPresent()) {
				throw ApiProblem.conflict("Your attendance is already recorded.");
			}
			boolean late = now.isAfter(session.getStartsAt());
			Integer minutesLate = late
					? (int) Math.max(1, (Duration.between(session.getStartsAt(), now).toSeconds() + 59) / 60) : null;
			AttendanceRecord record = new AttendanceRecord(actor.id(), 1,
					late ? AttendanceStatus.LATE : AttendanceStatus.PRESENT, minutesLate,
					AttendanceRecord.SELF_CHECK_IN, actor.id(), now, null);
			add(session, record);
			this.sessions.save(session);
			return record;
		});
		this.relay.trigger();
		return AttendanceView.of(sessionId, saved);
	}

	List<AttendanceView> ofSession(String sessionId, Actor actor) {
		Session session = this.sessions.get(sessionId);
		Group group = this.groups.get(session.getGroupId());
		List<String> roster = group.rosterFor(session.getStartsAt(), session.getEndsAt());
		Map<String, AttendanceRecord> current = session.currentAttendance();
		if (this.groups.canManage(group, actor)) {
			return roster.stream()
				.map((p) -> current.containsKey(p) ? AttendanceView.of(sessionId, current.get(p))
						: AttendanceView.notRecorded(sessionId, p))
				.toList();
		}
		if (actor.is(Actor.Role.PATIENT) && roster.contains(actor.id())) {
			return List.of(current.containsKey(actor.id()) ? AttendanceView.of(sessionId, current.get(actor.id()))
					: AttendanceView.notRecorded(sessionId, actor.id()));
		}
		throw ApiProblem.forbidden("Only this session's staff and members see its attendance.");
	}

	List<AttendanceView> history(String sessionId, String patientId, Actor actor) {
		Session session = this.sessions.get(sessionId);
		Group group = this.groups.get(session.getGroupId());
		boolean own = actor.is(Actor.Role.PATIENT) && actor.id().equals(patientId);
		if (!own && !this.groups.canManage(group, actor)) {
			throw ApiProblem.forbidden("Only this session's staff and the member themselves see this history.");
		}
		requireMember(group, session, patientId);
		return session.attendanceHistoryOf(patientId).stream().map((r) -> AttendanceView.of(sessionId, r)).toList();
	}

	private void add(Session session, AttendanceRecord record) {
		session.addAttendance(record);
		if (record.version() == 1) {
			session.record(new AttendanceRecorded(session.getId(), session.getGroupId(), record.patientId(),
					record.status(), record.minutes(), 1, record.source(), record.recordedBy(), record.recordedAt()));
		}
		else {
			session.record(new AttendanceCorrected(session.getId(), session.getGroupId(), record.patientId(),
					record.status(), record.minutes(), record.version(), record.source(), record.recordedBy(),
					record.recordedAt()));
		}
	}

	private static void requireMember(Group group, Session session, String patientId) {
		if (!isMember(group, session, patientId)) {
			throw ApiProblem.badRequest("patientId", "is not a member of this session");
		}
	}

	private static boolean isMember(Group group, Session session, String patientId) {
		return group.rosterFor(session.getStartsAt(), session.getEndsAt()).contains(patientId);
	}

	private static AttendanceStatus validate(Session session, String status, Integer minutes, String at,
			Violations violations) {
		AttendanceStatus attendance = null;
		try {
			attendance = AttendanceStatus.valueOf((status == null) ? "" : status.strip().toUpperCase(Locale.ROOT));
			if (attendance == AttendanceStatus.UNKNOWN) {
				attendance = null;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		if (attendance == null) {
			violations.add(at + "status", "must be one of PRESENT, LATE, LEFT_EARLY, NO_SHOW, CANCELLED_BY_PATIENT, "
					+ "LATE_CANCELLATION, CANCELLED_BY_CLINICIAN, EXCUSED, NOT_RECORDED");
		}
		else if (WITH_MINUTES.contains(attendance)) {
			long length = Duration.between(session.getStartsAt(), session.getEndsAt()).toMinutes();
			if (minutes == null || minutes < 1 || minutes > length) {
				violations.add(at + "minutes", "is required for " + attendance + ": 1 to " + length);
			}
		}
		else if (minutes != null) {
			violations.add(at + "minutes", "only LATE and LEFT_EARLY carry minutes");
		}
		return attendance;
	}

}
