package org.therapygroups.auth.profile;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountAdoption;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * The caller's own profile, read from their account document. A user Keycloak knows but
 * this service does not yet is adopted first (see {@link AccountAdoption}).
 */
@Service
class ProfileView {

	private final MongoTemplate mongo;

	private final AccountAdoption adoption;

	ProfileView(MongoTemplate mongo, AccountAdoption adoption) {
		this.mongo = mongo;
		this.adoption = adoption;
	}

	/**
	 * The profile, with the default preferences if none were ever set.
	 * @throws ApiProblem 404 if the caller has no account here and cannot be adopted
	 */
	Profile get(SignedInUser user) {
		return current(user).withDefaults();
	}

	/**
	 * The profile as stored.
	 * @throws ApiProblem 404 if the caller has no account here and cannot be adopted
	 */
	Profile current(SignedInUser user) {
		Profile profile = find(user.id());
		if (profile == null) {
			this.adoption.adopt(new AccountAdoption.Candidate(user.id(), user.username(), user.name(), user.roles()));
			profile = find(user.id());
		}
		if (profile == null) {
			throw notManaged();
		}
		return profile;
	}

	/** Only the fields of a profile, from the collection of the account documents. */
	private Profile find(String userId) {
		return this.mongo.findById(userId, Profile.class, this.mongo.getCollectionName(Account.class));
	}

	static ApiProblem notManaged() {
		return new ApiProblem(HttpStatus.NOT_FOUND, "Your account is not managed by this service.");
	}

}
