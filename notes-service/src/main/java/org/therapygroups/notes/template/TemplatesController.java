package org.therapygroups.notes.template;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.problem.ApiProblem;

/** The templates, for the note editor: structure only, no content. */
@RestController
@RequestMapping("/api/notes/templates")
class TemplatesController {

	private final Templates templates;

	TemplatesController(Templates templates) {
		this.templates = templates;
	}

	@GetMapping
	@Operation(operationId = "listTemplates", summary = "Every note template (therapist, supervisor)")
	List<NoteTemplate> all(Authentication authentication) {
		requireClinician(authentication);
		return this.templates.all();
	}

	/** The template new notes of a group with this modality get. */
	@GetMapping("/modality/{modality}")
	@Operation(operationId = "templateForModality",
			summary = "The template new notes of a group with this modality get (therapist, supervisor)")
	NoteTemplate forModality(@PathVariable String modality, Authentication authentication) {
		requireClinician(authentication);
		return this.templates.forModality(modality);
	}

	private static void requireClinician(Authentication authentication) {
		boolean clinician = authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> a.getAuthority().equals("ROLE_therapist") || a.getAuthority().equals("ROLE_supervisor"));
		if (!clinician) {
			throw NoteProblems.forbidden();
		}
	}

}
