package org.therapygroups.sessions.alert;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;

/**
 * Engagement alerts: a director's at-risk list per program, a therapist's alerts of the
 * groups they facilitate, follow-up outcomes, and each program's rules.
 */
@RestController
@RequestMapping("/api/sessions")
class AlertController {

	private final Alerts alerts;

	AlertController(Alerts alerts) {
		this.alerts = alerts;
	}

	@GetMapping("/alerts")
	@Operation(operationId = "listAlerts",
			summary = "The at-risk list of a program or of the groups the caller facilitates")
	List<AlertView> list(Actor actor, @RequestParam(required = false) String programId,
			@RequestParam(required = false) String status) {
		return this.alerts.list(actor, programId, status);
	}

	@GetMapping("/alerts/{alertId}")
	@Operation(operationId = "getAlert", summary = "One alert")
	AlertView get(Actor actor, @PathVariable String alertId) {
		return this.alerts.get(alertId, actor);
	}

	@PostMapping("/alerts/{alertId}/resolve")
	@Operation(operationId = "resolveAlert", summary = "Resolve an alert with an outcome and a note")
	AlertView resolve(Actor actor, @PathVariable String alertId, @RequestBody Resolution request) {
		return this.alerts.resolve(alertId, request.outcome(), request.note(), actor);
	}

	@GetMapping("/programs/{programId}/alert-rules")
	@Operation(operationId = "getAlertRules", summary = "The alert rules of a program (its directors)")
	AlertRules rules(Actor actor, @PathVariable String programId) {
		return this.alerts.rules(programId, actor);
	}

	@PutMapping("/programs/{programId}/alert-rules")
	@Operation(operationId = "changeAlertRules", summary = "Change the alert rules of a program (its directors)")
	AlertRules changeRules(Actor actor, @PathVariable String programId, @RequestBody RulesRequest request) {
		AlertRules current = this.alerts.rules(programId, actor);
		return this.alerts.changeRules(programId,
				new AlertRules(programId, or(request.consecutiveMissed(), current.consecutiveMissed()),
						or(request.minAttendancePercent(), current.minAttendancePercent()),
						or(request.windowWeeks(), current.windowWeeks()),
						or(request.silentDays(), current.silentDays()), null, null),
				actor);
	}

	private static int or(Integer value, int current) {
		return (value != null) ? value : current;
	}

	/**
	 * How an alert was followed up.
	 *
	 * @param outcome {@code REACHED}, {@code RESCHEDULED}, {@code DISCHARGED} or
	 * {@code OTHER}
	 * @param note a short text, required with {@code OTHER}; nothing clinical
	 */
	record Resolution(String outcome, String note) {
	}

	/** Rules to change; a field left out keeps its value. */
	record RulesRequest(Integer consecutiveMissed, Integer minAttendancePercent, Integer windowWeeks,
			Integer silentDays) {
	}

}
