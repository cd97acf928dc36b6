package org.therapygroups.sessions.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;

/**
 * Attendance and documentation dashboards: program → group → session → member, for any
 * date range ({@code from}, {@code to}: ISO dates, inclusive; the last 12 weeks by
 * default), cut by {@code week} or {@code month}, filtered by group, facilitator and
 * modality, and as CSV.
 */
@RestController
@RequestMapping("/api/sessions/dashboards")
class DashboardController {

	private final Dashboards dashboards;

	private final Clock clock;

	DashboardController(Dashboards dashboards, Clock clock) {
		this.dashboards = dashboards;
		this.clock = clock;
	}

	@GetMapping("/programs/{programId}")
	@Operation(operationId = "programDashboard",
			summary = "Attendance and documentation figures of a program, per period and group (its directors)")
	ProgramView program(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String groupId, @RequestParam(required = false) String facilitatorId,
			@RequestParam(required = false) String modality) {
		return this.dashboards.program(programId,
				Selection.parse(from, to, groupBy, groupId, facilitatorId, modality, today()), actor);
	}

	@GetMapping("/groups/{groupId}")
	@Operation(operationId = "groupDashboard", summary = "A group's figures per period and per session")
	GroupDashboard group(Actor actor, @PathVariable String groupId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy) {
		return this.dashboards.group(groupId, Selection.parse(from, to, groupBy, null, null, null, today()), actor);
	}

	@GetMapping("/sessions/{sessionId}")
	@Operation(operationId = "sessionDashboard", summary = "A session with each member's attendance")
	SessionDashboard session(Actor actor, @PathVariable String sessionId) {
		return this.dashboards.session(sessionId, actor);
	}

	@GetMapping("/groups/{groupId}/members/{patientId}")
	@Operation(operationId = "memberDashboard", summary = "One member's attendance history in a group")
	MemberDashboard member(Actor actor, @PathVariable String groupId, @PathVariable String patientId) {
		return this.dashboards.member(groupId, patientId, actor);
	}

	/**
	 * The program's figures per group and period as CSV: a header row, the columns of
	 * {@link CsvExport#HEADER} in that order, ISO dates. Access is checked before the
	 * first byte, then rows are written as they are produced.
	 */
	@GetMapping("/programs/{programId}/export.csv")
	@Operation(operationId = "exportProgramDashboard",
			summary = "The program's figures per group and period as CSV (its directors)",
			responses = @ApiResponse(responseCode = "200", description = "CSV with a header row and ISO dates",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
	void export(Actor actor, @PathVariable String programId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
			@RequestParam(required = false) String groupId, @RequestParam(required = false) String facilitatorId,
			@RequestParam(required = false) String modality, HttpServletResponse response) throws IOException {
		Selection selection = Selection.parse(from, to, groupBy, groupId, facilitatorId, modality, today());
		List<Dashboards.ExportRow> rows = this.dashboards.export(programId, selection, actor);
		response.setContentType("text/csv;charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Content-Disposition",
				"attachment; filename=\"attendance-" + selection.from() + "-" + selection.to() + ".csv\"");
		PrintWriter writer = response.getWriter();
		CsvExport.write(rows, writer);
		writer.flush();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
