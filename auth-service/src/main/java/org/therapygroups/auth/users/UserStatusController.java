package org.therapygroups.auth.users;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.platform.security.Actor;

/**
 * Directors deactivate and reactivate accounts managed here, see
 * {@link AccountDeactivation} and {@link AccountReactivation}.
 */
@RestController
@PreAuthorize("hasRole('director')")
class UserStatusController {

	private final AccountDeactivation deactivation;

	private final AccountReactivation reactivation;

	UserStatusController(AccountDeactivation deactivation, AccountReactivation reactivation) {
		this.deactivation = deactivation;
		this.reactivation = reactivation;
	}

	@PostMapping("/api/auth/users/{userId}/deactivate")
	@Operation(operationId = "deactivateUser", summary = "Deactivate an account and end its sessions (director)")
	StatusChanged deactivate(@PathVariable String userId, Actor caller) {
		this.deactivation.deactivate(userId, caller.id());
		return new StatusChanged(userId, AccountStatus.DEACTIVATED);
	}

	@PostMapping("/api/auth/users/{userId}/reactivate")
	@Operation(operationId = "reactivateUser", summary = "Reactivate a deactivated account (director)")
	StatusChanged reactivate(@PathVariable String userId) {
		this.reactivation.reactivate(userId);
		return new StatusChanged(userId, AccountStatus.ACTIVE);
	}

	record StatusChanged(String userId, AccountStatus status) {

	}

}
