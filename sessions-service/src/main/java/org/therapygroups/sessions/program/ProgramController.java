package org.therapygroups.sessions.program;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

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
@RequestMapping("/api/sessions/programs")
class ProgramController {

	private final Programs programs;

	ProgramController(Programs programs) {
		this.programs = programs;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createProgram", summary = "Create a program (director)")
	Program create(Actor actor, @RequestBody NewProgram request) {
		return this.programs.create(actor, request.name(), request.timeZone());
	}

	@GetMapping
	@Operation(operationId = "listPrograms", summary = "The programs the caller directs")
	List<Program> list(Actor actor) {
		return this.programs.directedBy(actor);
	}

	@GetMapping("/{programId}")
	@Operation(operationId = "getProgram", summary = "One program the caller directs")
	Program get(Actor actor, @PathVariable String programId) {
		return this.programs.directedBy(programId, actor);
	}

	record NewProgram(String name, String timeZone) {
	}

}
