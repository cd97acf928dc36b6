package org.therapygroups.sessions.enrollment;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;

@RestController
@RequestMapping("/api/sessions")
class EnrollmentController {

	private final Enrollment enrollment;

	EnrollmentController(Enrollment enrollment) {
		this.enrollment = enrollment;
	}

	@PostMapping("/groups/{groupId}/memberships")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "enrol",
			summary = "Enrol a patient, or oneself in an aftercare group; a full group waitlists")
	MembershipView enrol(Actor actor, @PathVariable String groupId, @RequestBody(required = false) Enrol request) {
		return this.enrollment.enrol(groupId, (request != null) ? request.patientId() : null,
				(request != null) ? request.since() : null, actor);
	}

	@GetMapping("/groups/{groupId}/memberships")
	@Operation(operationId = "listMemberships",
			summary = "The membership episodes of a group (staff; a patient sees their own)")
	List<MembershipView> ofGroup(Actor actor, @PathVariable String groupId) {
		return this.enrollment.ofGroup(groupId, actor);
	}

	@PostMapping("/groups/{groupId}/memberships/{episodeId}/status")
	@Operation(operationId = "changeMembershipStatus",
			summary = "Put a membership on hold, resume, leave or discharge it")
	MembershipView changeStatus(Actor actor, @PathVariable String groupId, @PathVariable String episodeId,
			@RequestBody StatusChangeRequest request) {
		return this.enrollment.changeStatus(groupId, episodeId, request.status(), request.reason(), actor);
	}

	@GetMapping("/me/memberships")
	@Operation(operationId = "myMemberships", summary = "The caller's own memberships (patient)")
	List<MembershipView> mine(Actor actor) {
		return this.enrollment.ofPatient(actor);
	}

	record Enrol(String patientId, @Schema(description = "Staff only: when a member who joined before the group was "
			+ "kept here took their seat (at most one year back; needs a free seat). They are then on the rosters of "
			+ "the sessions since.", example = "2026-03-02T17:00:00Z") String since) {
	}

	record StatusChangeRequest(String status, String reason) {
	}

}
