package org.therapygroups.auth.users;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.events.identity.UserRoleChanged;

/**
 * A director moves a staff member between the therapist and director roles. Patients are
 * not staff: turning one into a clinician (or back) is a new account, not a role change.
 */
@Service
class RoleChange {

	private final ManagedAccounts accounts;

	private final KeycloakUsers keycloak;

	RoleChange(ManagedAccounts accounts, KeycloakUsers keycloak) {
		this.accounts = accounts;
		this.keycloak = keycloak;
	}

	/**
	 * @param userId the staff member
	 * @param role the new role, therapist or director
	 * @param directorId who asks; directors cannot change their own role
	 * @return the role the account had before
	 */
	String change(String userId, String role, String directorId) {
		if (userId.equals(directorId)) {
			throw new ApiProblem(HttpStatus.CONFLICT, "Directors cannot change their own role.");
		}
		Account account = this.accounts.existing(userId);
		if (!Account.STAFF_ROLES.contains(account.role())) {
			throw new ApiProblem(HttpStatus.CONFLICT, "Only staff accounts change roles.");
		}
		if (account.role().equals(role)) {
			return account.role();
		}
		// add before remove: the user is never without a role, and a retry repairs a
		// failure
		this.keycloak.assignRealmRole(userId, role);
		this.keycloak.removeRealmRole(userId, account.role());
		this.accounts.change(Criteria.where("_id").is(userId).and("role").is(account.role()),
				new Update().set("role", role),
				(now) -> new UserRoleChanged(userId, role, account.role(), account.displayName(), now));
		return account.role();
	}

}
