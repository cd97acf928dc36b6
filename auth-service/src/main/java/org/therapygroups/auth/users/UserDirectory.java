package org.therapygroups.auth.users;

import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.Accounts;

/**
 * Clinicians and directors look up the accounts managed by auth-service: a page by role
 * and name, or one account. Which fields a caller may see is left to the answer the
 * controller shapes.
 */
@Service
class UserDirectory {

	private static final int MAX_SIZE = 100;

	private static final int MAX_PAGE = 100_000;

	private final Accounts accounts;

	private final ManagedAccounts managed;

	UserDirectory(Accounts accounts, ManagedAccounts managed) {
		this.accounts = accounts;
		this.managed = managed;
	}

	/**
	 * A page of accounts, by display name.
	 * @param role only accounts of this role, if given
	 * @param q only accounts whose display name contains this text (any case), if given
	 * @throws ApiProblem 400 for a page, size or text out of bounds
	 */
	Page<Account> search(String role, String q, int page, int size) {
		if (page < 0 || page > MAX_PAGE) {
			// beyond that the offset no longer fits the database's skip
			throw ApiProblem.badRequest("page", "must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw ApiProblem.badRequest("size", "must be between 1 and " + MAX_SIZE);
		}
		if (q != null && q.length() > 100) {
			throw ApiProblem.badRequest("q", "must be at most 100 characters");
		}
		if (q != null && q.chars().anyMatch(Character::isISOControl)) {
			// the database refuses a NUL inside a pattern; no name holds control
			// characters
			throw ApiProblem.badRequest("q", "must not contain control characters");
		}
		Criteria filter = new Criteria();
		if (role != null && !role.isBlank()) {
			filter = filter.and("role").is(role);
		}
		if (q != null && !q.isBlank()) {
			// quoted: the search text is never a regular expression
			filter = filter.and("displayName").regex(Pattern.quote(q.strip()), "i");
		}
		return this.accounts.page(filter, page, size);
	}

	/**
	 * @throws ApiProblem 404 if there is no such account
	 */
	Account get(String userId) {
		return this.managed.existing(userId);
	}

}
