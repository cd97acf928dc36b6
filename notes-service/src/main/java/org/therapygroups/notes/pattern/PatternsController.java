package org.therapygroups.notes.pattern;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;

@RestController
class PatternsController {

	private final Patterns patterns;

	PatternsController(Patterns patterns) {
		this.patterns = patterns;
	}

	/**
	 * A patient's patterns across sessions; {@code tag} (with {@code kind}, default
	 * {@code theme}) narrows them to the sessions whose signed note carries it.
	 */
	@GetMapping("/api/notes/patients/{patientId}/patterns")
	@Operation(operationId = "patientPatterns",
			summary = "Themes, defenses and distortions of a patient across signed notes, by month (clinicians of the patient's groups)")
	PatternView patterns(@PathVariable String patientId, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String tag, Actor actor) {
		return this.patterns.forPatient(actor, patientId, kind, tag);
	}

}
