package org.therapygroups.auth.realm;

import io.swagger.v3.oas.annotations.Operation;

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
	@Operation(operationId = "getRealmSettings",
			summary = "Roles, password policy and brute-force protection of the realm (director)")
	RealmRules.RealmSettings settings() {
		return this.rules.current();
	}

}
