package org.therapygroups.sessions.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Groups;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

@RestController
@RequestMapping("/api/sessions")
class SessionController {

	private final SessionLifecycle lifecycle;

	private final Sessions sessions;

	private final Groups groups;

	SessionController(SessionLifecycle lifecycle, Sessions sessions, Groups groups) {
		this.lifecycle = lifecycle;
		this.sessions = sessions;
		this.groups = groups;
	}

	@GetMapping("/groups/{groupId}/sessions")
	List<SessionView> ofGroup(Actor actor, @PathVariable String groupId, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to) {
		Group group = this.groups.visible(groupId, actor);
		Instant start = (from != null) ? from : Instant.now().minus(7, ChronoUnit.DAYS);
		Instant end = (to != null) ? to : start.plus(92, ChronoUnit.DAYS);
		if (!end.isAfter(start) || start.plus(800, ChronoUnit.DAYS).isBefore(end)) {
			throw ApiProblem.badRequest("to", "must be after from, at most 800 days later");
		}
		boolean staff = this.groups.canManage(group, actor);
		return this.sessions.ofGroup(groupId, start, end)
			.stream()
			.map(staff ? SessionView::forStaff : SessionView::forPatient)
			.toList();
	}

	@PostMapping("/groups/{groupId}/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	SessionView addExtra(Actor actor, @PathVariable String groupId, @RequestBody Times request) {
		return SessionView.forStaff(this.lifecycle.addExtra(groupId, request.startsAt(), request.endsAt(), actor));
	}

	@GetMapping("/sessions/{sessionId}")
	SessionView get(Actor actor, @PathVariable String sessionId) {
		Session session = this.sessions.get(sessionId);
		Group group = this.groups.visible(session.getGroupId(), actor);
		return this.groups.canManage(group, actor) ? SessionView.forStaff(session) : SessionView.forPatient(session);
	}

	@PostMapping("/sessions/{sessionId}/reschedule")
	SessionView reschedule(Actor actor, @PathVariable String sessionId, @RequestBody Reschedule request) {
		if (request.startsAt() == null) {
			throw ApiProblem.badRequest("startsAt", "is required");
		}
		return SessionView.forStaff(
				this.lifecycle.reschedule(sessionId, request.startsAt(), request.endsAt(), request.reason(), actor));
	}

	@PostMapping("/sessions/{sessionId}/cancel")
	SessionView cancel(Actor actor, @PathVariable String sessionId, @RequestBody Reason request) {
		return SessionView.forStaff(this.lifecycle.cancel(sessionId, request.reason(), actor));
	}

	@PostMapping("/sessions/{sessionId}/start")
	SessionView start(Actor actor, @PathVariable String sessionId) {
		return SessionView.forStaff(this.lifecycle.start(sessionId, actor));
	}

	@PostMapping("/sessions/{sessionId}/complete")
	SessionView complete(Actor actor, @PathVariable String sessionId) {
		return SessionView.forStaff(this.lifecycle.complete(sessionId, actor));
	}

	record Times(Instant startsAt, Instant endsAt) {
	}

	record Reschedule(Instant startsAt, Instant endsAt, String reason) {
	}

	record Reason(String reason) {
	}

}
