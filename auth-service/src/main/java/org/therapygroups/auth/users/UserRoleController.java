package org.therapygroups.auth.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.therapygroups.platform.security.Actor;

/**
 * Directors move staff between the therapist and director roles, see {@link RoleChange}.
 */
@RestController
@PreAuthorize("hasRole('director')")
class UserRoleController {

	private final RoleChange roleChange;

	UserRoleController(RoleChange roleChange) {
		this.roleChange = roleChange;
	}

	@PutMapping("/api/auth/users/{userId}/role")
	@Operation(operationId = "changeUserRole", summary = "Change a user's role (director)")
	RoleChanged change(@PathVariable String userId, @Valid @RequestBody RoleRequest request, Actor caller) {
		String previousRole = this.roleChange.change(userId, request.role(), caller.id());
		return new RoleChanged(userId, request.role(), previousRole);
	}

	record RoleRequest(
			@NotBlank @Pattern(regexp = "therapist|director", message = "must be therapist or director") String role) {

	}

	record RoleChanged(String userId, String role, String previousRole) {

	}

}
