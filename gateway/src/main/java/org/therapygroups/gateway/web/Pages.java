package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The pages every visitor may meet, whatever their role. */
@Controller
class Pages {

	/** Each role starts on its own home page. */
	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user) {
		return Viewer.of(user)
			.filter((viewer) -> viewer.role() != null)
			.map((viewer) -> "redirect:" + viewer.role().home())
			.orElse("no-role");
	}

	/**
	 * The link in an invitation: {@code /invite#<code>}; the code never reaches a server
	 * log.
	 */
	@GetMapping("/invite")
	String invite() {
		return "invite";
	}

	/** Name and contact preferences, for every role. */
	@GetMapping("/profile")
	String profile() {
		return "profile";
	}

	@GetMapping("/signed-out")
	String signedOut() {
		return "signed-out";
	}

	/**
	 * Where a refused page, an expired form or a failed sign-in lands, with a sentence.
	 */
	@GetMapping("/denied")
	String denied(@RequestParam(required = false) String reason, Model model) {
		model.addAttribute("reason", (reason != null && reason.matches("[a-z-]{1,20}")) ? reason : "forbidden");
		return "denied";
	}

}
