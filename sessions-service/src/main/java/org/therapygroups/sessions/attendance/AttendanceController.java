package org.therapygroups.sessions.attendance;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;

@RestController
@RequestMapping("/api/sessions/sessions/{sessionId}")
class AttendanceController {

	private final AttendanceRegister register;

	AttendanceController(AttendanceRegister register) {
		this.register = register;
	}

	@PutMapping("/attendance/{patientId}")
	@Operation(operationId = "recordAttendance",
			summary = "Record or correct a member's attendance at a session (facilitators, directors)")
	AttendanceView record(Actor actor, @PathVariable String sessionId, @PathVariable String patientId,
			@RequestBody Entry request) {
		return this.register.record(sessionId, patientId, request.status(), request.minutes(), request.reason(), actor);
	}

	@PutMapping("/attendance")
	@Operation(operationId = "recordRosterAttendance",
			summary = "Record or correct the attendance of several members at once, all or nothing (facilitators, directors)")
	List<AttendanceView> recordRoster(Actor actor, @PathVariable String sessionId, @RequestBody Roster request) {
		return this.register.recordRoster(sessionId, request.records(), actor);
	}

	@PostMapping("/check-in")
	@Operation(operationId = "checkIn",
			summary = "Check in to a session, 15 minutes before to 10 minutes after its start (member)")
	AttendanceView checkIn(Actor actor, @PathVariable String sessionId) {
		return this.register.checkIn(sessionId, actor);
	}

	@GetMapping("/attendance")
	@Operation(operationId = "listAttendance", summary = "The attendance of a session (staff; a member sees their own)")
	List<AttendanceView> ofSession(Actor actor, @PathVariable String sessionId) {
		return this.register.ofSession(sessionId, actor);
	}

	@GetMapping("/attendance/{patientId}/history")
	@Operation(operationId = "attendanceHistory", summary = "Every version of one member's attendance at a session")
	List<AttendanceView> history(Actor actor, @PathVariable String sessionId, @PathVariable String patientId) {
		return this.register.history(sessionId, patientId, actor);
	}

	record Entry(String status, Integer minutes, String reason) {
	}

	record Roster(List<AttendanceRegister.Mark> records) {
	}

}
