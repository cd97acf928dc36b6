package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The therapist's workspace: today and this week, a session with its attendance, the note
 * editor, a patient's timeline and a group's page. Ids go into the page only as data for
 * its script; the services decide what the therapist may see. No page title or URL
 * carries anything clinical.
 */
@Controller
@RequestMapping("/therapist")
class TherapistPages {

	private static final String ID = "[A-Za-z0-9_-]{1,128}";

	@ModelAttribute
	void therapistsOnly(@AuthenticationPrincipal OidcUser user) {
		PageModel.require(user, Viewer.Role.THERAPIST);
	}

	@GetMapping
	String today() {
		return "therapist/today";
	}

	@GetMapping("/sessions/{sessionId:" + ID + "}")
	String session(@PathVariable String sessionId, Model model) {
		model.addAttribute("sessionId", sessionId);
		return "therapist/session";
	}

	@GetMapping("/notes/{noteId:" + ID + "}")
	String note(@PathVariable String noteId, Model model) {
		model.addAttribute("noteId", noteId);
		return "therapist/note";
	}

	@GetMapping("/patients/{patientId:" + ID + "}")
	String patient(@PathVariable String patientId, Model model) {
		model.addAttribute("patientId", patientId);
		return "therapist/patient";
	}

	@GetMapping("/groups/{groupId:" + ID + "}")
	String group(@PathVariable String groupId, Model model) {
		model.addAttribute("groupId", groupId);
		return "therapist/group";
	}

}
