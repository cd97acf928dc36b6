package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The therapist's workspace. */
@Controller
@RequestMapping("/therapist")
class TherapistPages {

	@ModelAttribute
	void therapistsOnly(@AuthenticationPrincipal OidcUser user) {
		PageModel.require(user, Viewer.Role.THERAPIST);
	}

	@GetMapping
	String today() {
		return "therapist/today";
	}

}
