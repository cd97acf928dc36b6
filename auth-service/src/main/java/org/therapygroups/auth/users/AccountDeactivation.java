package org.therapygroups.auth.users;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.events.identity.UserDeactivated;

/**
 * A director deactivates an active account: Keycloak disables the user and ends their
 * sessions first; if recording fails afterwards, repeating the request completes it (the
 * Keycloak calls are idempotent).
 */
@Service
class AccountDeactivation {

	private final ManagedAccounts accounts;

	private final KeycloakUsers keycloak;

	AccountDeactivation(ManagedAccounts accounts, KeycloakUsers keycloak) {
		this.accounts = accounts;
		this.keycloak = keycloak;
	}

	/**
	 * @param userId the account to deactivate
	 * @param directorId who asks; directors cannot deactivate themselves
	 */
	void deactivate(String userId, String directorId) {
		if (userId.equals(directorId)) {
			throw new ApiProblem(HttpStatus.CONFLICT, "Directors cannot deactivate their own account.");
		}
		Account account = this.accounts.inStatus(userId, AccountStatus.ACTIVE);
		this.keycloak.disableAndLogout(userId);
		this.accounts.changeStatus(account, AccountStatus.DEACTIVATED,
				(now) -> new UserDeactivated(userId, account.role(), account.displayName(), now));
	}

}
