package org.therapygroups.auth.users;

import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.events.identity.UserReactivated;

/**
 * A director reactivates a deactivated account: Keycloak enables the user first; if
 * recording fails afterwards, repeating the request completes it.
 */
@Service
class AccountReactivation {

	private final ManagedAccounts accounts;

	private final KeycloakUsers keycloak;

	AccountReactivation(ManagedAccounts accounts, KeycloakUsers keycloak) {
		this.accounts = accounts;
		this.keycloak = keycloak;
	}

	void reactivate(String userId) {
		Account account = this.accounts.inStatus(userId, AccountStatus.DEACTIVATED);
		this.keycloak.enable(userId);
		this.accounts.changeStatus(account, AccountStatus.ACTIVE,
				(now) -> new UserReactivated(userId, account.role(), account.displayName(), now));
	}

}
