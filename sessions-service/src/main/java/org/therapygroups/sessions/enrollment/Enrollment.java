package org.therapygroups.sessions.enrollment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

import org.therapygroups.platform.directory.Directory;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.sessions.group.MembershipEpisode;
import org.therapygroups.sessions.group.MembershipStatus;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.sessions.session.Sessions;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;

/**
 * Who belongs to a group. A patient enrols themselves in an aftercare group that allows
 * it; the group's facilitators and its program's directors enrol anyone. Every change is
 * one write of the group document, so capacity and waitlist order hold under concurrent
 * requests, and a change applies to every future session at once (rosters are derived).
 */
@Service
class Enrollment {

	private final Groups groups;

	private final Sessions sessions;

	private final Directory directory;

	private final OutboxRelay relay;

	private final Clock clock;

	Enrollment(Groups groups, Sessions sessions, Directory directory, OutboxRelay relay, Clock clock) {
		this.groups = groups;
		this.sessions = sessions;
		this.directory = directory;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * How far back a member's start may be recorded: as far as a group's first session.
	 */
	static final Duration LONGEST_PAST = Duration.ofDays(366);

	/**
	 * Enrols a patient; staff may record a member who took their seat before the group
	 * was kept here with {@code since} (up to a year back), so they appear on the rosters
	 * of the sessions since then and their attendance there can be recorded.
	 * @param since an ISO-8601 moment with offset or {@code Z}, or {@code null} for now
	 */
	MembershipView enrol(String groupId, String requestedPatientId, String since, Actor actor) {
		Instant joined = (since != null) ? since(since, actor) : null;
		MembershipView view = Retries.onConflict(() -> {
			Group group = this.groups.get(groupId);
			String patientId;
			boolean byStaff;
			if (actor.is(Actor.Role.PATIENT)) {
				if (requestedPatientId != null && !requestedPatientId.equals(actor.id())) {
					throw ApiProblem.forbidden("Patients enrol only themselves.");
				}
				if (!group.isOpenToSelfEnrollment()) {
					throw ApiProblem.forbidden("This group does not take self-enrolment; ask its facilitator.");
				}
				patientId = actor.id();
				byStaff = false;
			}
			else {
				if (!this.groups.canManage(group, actor)) {
					throw ApiProblem
						.forbidden("Only this group's facilitators and its program's directors enrol patients.");
				}
				if (requestedPatientId == null || requestedPatientId.isBlank()) {
					throw ApiProblem.badRequest("patientId", "is required");
				}
				if (!this.directory.isActivePatient(requestedPatientId)) {
					throw ApiProblem.badRequest("patientId", "is not an active patient");
				}
				patientId = requestedPatientId;
				byStaff = true;
			}
			Instant now = this.clock.instant();
			MembershipEpisode episode = group.enrol(patientId, actor, byStaff, hasBegun(group, now), now, joined);
			Group saved = this.groups.save(group);
			return MembershipView.of(saved, saved.episode(episode.getEpisodeId()).orElseThrow(), this.directory);
		});
		this.relay.trigger();
		return view;
	}

	MembershipView changeStatus(String groupId, String episodeId, String status, String reason, Actor actor) {
		MembershipStatus target = parse(status);
		MembershipView view = Retries.onConflict(() -> {
			Group group = this.groups.get(groupId);
			MembershipEpisode episode = group.episode(episodeId)
				.orElseThrow(() -> ApiProblem.notFound("Membership episode " + episodeId));
			if (actor.is(Actor.Role.PATIENT)) {
				if (!episode.getPatientId().equals(actor.id())) {
					throw ApiProblem.forbidden("This is not your membership.");
				}
				if (target != MembershipStatus.LEFT) {
					throw ApiProblem.forbidden("Patients can only leave; ask the facilitator for anything else.");
				}
			}
			else if (!this.groups.canManage(group, actor)) {
				throw ApiProblem
					.forbidden("Only this group's facilitators and its program's directors change memberships.");
			}
			group.changeStatus(episodeId, target, (reason != null) ? reason.strip() : null, actor,
					this.clock.instant());
			Group saved = this.groups.save(group);
			return MembershipView.of(saved, saved.episode(episodeId).orElseThrow(), this.directory);
		});
		this.relay.trigger();
		return view;
	}

	List<MembershipView> ofGroup(String groupId, Actor actor) {
		Group group = this.groups.get(groupId);
		if (this.groups.canManage(group, actor)) {
			return group.getMemberships().stream().map((m) -> MembershipView.of(group, m, this.directory)).toList();
		}
		if (actor.is(Actor.Role.PATIENT) && group.hasEpisodeOf(actor.id())) {
			return group.getMemberships()
				.stream()
				.filter((m) -> m.getPatientId().equals(actor.id()))
				.map((m) -> MembershipView.of(group, m, this.directory))
				.toList();
		}
		throw ApiProblem.forbidden("Only this group's staff see its members.");
	}

	List<MembershipView> ofPatient(Actor actor) {
		if (!actor.is(Actor.Role.PATIENT)) {
			throw ApiProblem.forbidden("This lists a patient's own memberships.");
		}
		return this.groups.visibleTo(actor)
			.stream()
			.flatMap((group) -> group.getMemberships()
				.stream()
				.filter((m) -> m.getPatientId().equals(actor.id()))
				.map((m) -> MembershipView.of(group, m, this.directory)))
			.sorted(Comparator.comparing(MembershipView::requestedAt))
			.toList();
	}

	private Instant since(String text, Actor actor) {
		if (actor.is(Actor.Role.PATIENT)) {
			throw ApiProblem.forbidden("Only staff record when a member joined.");
		}
		Instant since;
		try {
			since = OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiProblem.badRequest("since", "must be a moment with an offset or Z, e.g. 2026-03-02T17:00:00Z");
		}
		Instant now = this.clock.instant();
		if (since.isAfter(now) || since.isBefore(now.minus(LONGEST_PAST))) {
			throw ApiProblem.badRequest("since", "must be in the past, at most one year ago");
		}
		return since;
	}

	private boolean hasBegun(Group group, Instant now) {
		Instant first = group.getRecurrence().start().atZone(group.zone()).toInstant();
		return !first.isAfter(now) || this.sessions.hasBegun(group.getId(), now);
	}

	private static MembershipStatus parse(String status) {
		try {
			MembershipStatus target = MembershipStatus
				.valueOf((status == null) ? "" : status.strip().toUpperCase(Locale.ROOT));
			if (target != MembershipStatus.WAITLISTED) {
				return target;
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw ApiProblem.badRequest("status", "must be ON_HOLD, ACTIVE (resume), LEFT or DISCHARGED");
	}

}
