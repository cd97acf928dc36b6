package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The patient portal. Pages are shells; their scripts read and change data through
 * {@code /api/**} with the session, so the services' own checks apply.
 */
@Controller
@RequestMapping("/patient")
class PatientPages {

	@ModelAttribute
	void patientsOnly(@AuthenticationPrincipal OidcUser user) {
		PageModel.require(user, Viewer.Role.PATIENT);
	}

	@GetMapping
	String schedule() {
		return "patient/schedule";
	}

	@GetMapping("/groups")
	String groups() {
		return "patient/groups";
	}

	@GetMapping("/calendar")
	String calendar() {
		return "patient/calendar";
	}

	@GetMapping("/progress")
	String progress() {
		return "patient/progress";
	}

}
