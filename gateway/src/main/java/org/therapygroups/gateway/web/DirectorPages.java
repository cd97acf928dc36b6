package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The director's console. */
@Controller
@RequestMapping("/director")
class DirectorPages {

	@ModelAttribute
	void directorsOnly(@AuthenticationPrincipal OidcUser user) {
		PageModel.require(user, Viewer.Role.DIRECTOR);
	}

	@GetMapping
	String dashboard() {
		return "director/dashboard";
	}

	@GetMapping("/alerts")
	String alerts() {
		return "director/alerts";
	}

}
