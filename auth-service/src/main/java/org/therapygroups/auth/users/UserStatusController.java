package org.therapygroups.auth.users;

import java.time.Instant;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.outbox.OutboxEntry;
import org.therapygroups.events.identity.UserDeactivated;
import org.therapygroups.events.identity.UserReactivated;

/**
 * Directors deactivate and reactivate accounts managed here. Keycloak is changed first:
 * if recording fails afterwards, repeating the request completes it (both Keycloak calls
 * are idempotent).
 */
@RestController
@PreAuthorize("hasRole('director')")
class UserStatusController {

	private final Accounts accounts;

	private final KeycloakUsers keycloak;

	private final Onboarding onboarding;

	UserStatusController(Accounts accounts, KeycloakUsers keycloak, Onboarding onboarding) {
		this.accounts = accounts;
		this.keycloak = keycloak;
		this.onboarding = onboarding;
	}

	@PostMapping("/api/auth/users/{userId}/deactivate")
	StatusChanged deactivate(@PathVariable String userId, JwtAuthenticationToken caller) {
		if (userId.equals(caller.getToken().getSubject())) {
			throw new AccountProblem(HttpStatus.CONFLICT, "Directors cannot deactivate their own account.");
		}
		Account account = inStatus(userId, AccountStatus.ACTIVE);
		this.keycloak.disableAndLogout(userId);
		Instant now = this.onboarding.now();
		record(account, AccountStatus.DEACTIVATED,
				OutboxEntry.of(new UserDeactivated(userId, account.role(), account.displayName(), now), now), now);
		return new StatusChanged(userId, AccountStatus.DEACTIVATED);
	}

	@PostMapping("/api/auth/users/{userId}/reactivate")
	StatusChanged reactivate(@PathVariable String userId) {
		Account account = inStatus(userId, AccountStatus.DEACTIVATED);
		this.keycloak.enable(userId);
		Instant now = this.onboarding.now();
		record(account, AccountStatus.ACTIVE,
				OutboxEntry.of(new UserReactivated(userId, account.role(), account.displayName(), now), now), now);
		return new StatusChanged(userId, AccountStatus.ACTIVE);
	}

	private Account inStatus(String userId, AccountStatus expected) {
		Account account = this.accounts.find(userId)
			.orElseThrow(() -> new AccountProblem(HttpStatus.NOT_FOUND, "No such account."));
		if (account.status() != expected) {
			throw new AccountProblem(HttpStatus.CONFLICT, "The account is " + account.status().name().toLowerCase()
					+ ", not " + expected.name().toLowerCase() + ".");
		}
		return account;
	}

	private void record(Account account, AccountStatus status, OutboxEntry event, Instant now) {
		if (!this.accounts.update(Criteria.where("_id").is(account.id()).and("status").is(account.status()),
				new Update().set("status", status), event, now)) {
			throw new AccountProblem(HttpStatus.CONFLICT, "The account changed meanwhile. Try again.");
		}
	}

	record StatusChanged(String userId, AccountStatus status) {

	}

}
