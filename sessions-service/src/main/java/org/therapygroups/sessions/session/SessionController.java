package org.therapygroups.sessions.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

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
	@Operation(operationId = "listSessions", summary = "The sessions of a group in a time range")
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
	@Operation(operationId = "addExtraSession", summary = "Add a one-off session to a group (facilitators, directors)")
	SessionView addExtra(Actor actor, @PathVariable String groupId, @RequestBody Times request) {
		return SessionView.forStaff(this.lifecycle.addExtra(groupId, request.startsAt(), request.endsAt(), actor));
	}

	@GetMapping("/sessions/{sessionId}")
	@Operation(operationId = "getSession", summary = "One session")
	SessionView get(Actor actor, @PathVariable String sessionId) {
		Session session = this.sessions.get(sessionId);
		Group group = this.groups.visible(session.getGroupId(), actor);
		return this.groups.canManage(group, actor) ? SessionView.forStaff(session) : SessionView.forPatient(session);
	}

	@PostMapping("/sessions/{sessionId}/reschedule")
	@Operation(operationId = "rescheduleSession", summary = "Move a session to another time (facilitators, directors)")
	SessionView reschedule(Actor actor, @PathVariable String sessionId, @RequestBody Reschedule request) {
		if (request.startsAt() == null) {
			throw ApiProblem.badRequest("startsAt", "is required");
		}
		return SessionView.forStaff(
				this.lifecycle.reschedule(sessionId, request.startsAt(), request.endsAt(), request.reason(), actor));
	}

	@PostMapping("/sessions/{sessionId}/cancel")
	@Operation(operationId = "cancelSession", summary = "Cancel one session with a reason (facilitators, directors)")
	SessionView cancel(Actor actor, @PathVariable String sessionId, @RequestBody Reason request) {
		return SessionView.forStaff(this.lifecycle.cancel(sessionId, request.reason(), actor));
	}

	@PostMapping("/sessions/{sessionId}/start")
	@Operation(operationId = "startSession", summary = "Mark a session as started (facilitators, directors)")
	SessionView start(Actor actor, @PathVariable String sessionId) {
		return SessionView.forStaff(this.lifecycle.start(sessionId, actor));
	}

	@PostMapping("/sessions/{sessionId}/complete")
	@Operation(operationId = "completeSession",
			summary = "Mark a session as completed, which opens its note (facilitators, directors)")
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
