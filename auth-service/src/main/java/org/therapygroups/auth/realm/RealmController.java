package org.therapygroups.auth.realm;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The account rules of the realm, for directors, see {@link RealmRules}. */
@RestController
class RealmController {

	private final RealmRules rules;

	RealmController(RealmRules rules) {
		this.rules = rules;
	}

	@GetMapping("/api/auth/realm")
	@PreAuthorize("hasRole('director')")
	RealmRules.RealmSettings settings() {
		return this.rules.current();
	}

}
