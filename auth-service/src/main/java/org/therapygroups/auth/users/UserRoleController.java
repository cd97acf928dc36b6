package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.outbox.OutboxEntry;
import org.therapygroups.events.identity.UserRoleChanged;

/**
 * Directors move staff between the therapist and director roles. Patients are not staff:
 * turning one into a clinician (or back) is a new account, not a role change.
 */
@RestController
@PreAuthorize("hasRole('director')")
class UserRoleController {

	private static final Set<String> STAFF_ROLES = Set.of("therapist", "director");

	private final Accounts accounts;

	private final KeycloakUsers keycloak;

	private final Onboarding onboarding;

	UserRoleController(Accounts accounts, KeycloakUsers keycloak, Onboarding onboarding) {
		this.accounts = accounts;
		this.keycloak = keycloak;
		this.onboarding = onboarding;
	}

	@PutMapping("/api/auth/users/{userId}/role")
	RoleChanged change(@PathVariable String userId, @Valid @RequestBody RoleRequest request,
			JwtAuthenticationToken caller) {
		if (userId.equals(caller.getToken().getSubject())) {
			throw new AccountProblem(HttpStatus.CONFLICT, "Directors cannot change their own role.");
		}
		Account account = this.accounts.find(userId)
			.orElseThrow(() -> new AccountProblem(HttpStatus.NOT_FOUND, "No such account."));
		if (!STAFF_ROLES.contains(account.role())) {
			throw new AccountProblem(HttpStatus.CONFLICT, "Only staff accounts change roles.");
		}
		if (account.role().equals(request.role())) {
			return new RoleChanged(userId, account.role(), account.role());
		}
		// add before remove: the user is never without a role, and a retry repairs a
		// failure
		this.keycloak.assignRealmRole(userId, request.role());
		this.keycloak.removeRealmRole(userId, account.role());
		Instant now = this.onboarding.now();
		boolean recorded = this.accounts.update(Criteria.where("_id").is(userId).and("role").is(account.role()),
				new Update().set("role", request.role()), OutboxEntry
					.of(new UserRoleChanged(userId, request.role(), account.role(), account.displayName(), now), now),
				now);
		if (!recorded) {
			throw new AccountProblem(HttpStatus.CONFLICT, "The account changed meanwhile. Try again.");
		}
		return new RoleChanged(userId, request.role(), account.role());
	}

	record RoleRequest(
			@NotBlank @Pattern(regexp = "therapist|director", message = "must be therapist or director") String role) {

	}

	record RoleChanged(String userId, String role, String previousRole) {

	}

}
