package org.therapygroups.auth.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.Violations;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.auth.account.Accounts;

/**
 * Clinicians and directors look up the accounts managed by auth-service: a page by role
 * and name, or one account. Which fields a caller may see is left to the answer the
 * controller shapes; the search text finds only by what the caller may see.
 */
@Service
class UserDirectory {

	/**
	 * The roles a search may ask for, in the API's canonical spelling (upper case, like
	 * every enum of the API).
	 */
	static final String ROLES = Arrays.stream(Actor.Role.values())
		.map(Actor.Role::name)
		.collect(Collectors.joining(", "));

	private static final Pattern ROLE_SPELLING = Pattern.compile("[A-Za-z]+");

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
	 * @param role only accounts of this role (DIRECTOR, THERAPIST or PATIENT, in any
	 * case), if given
	 * @param q only accounts whose display name contains this text (any case), if given;
	 * for a director, who sees usernames, also those whose username contains it
	 * @param caller who searches
	 * @throws ApiProblem 400 naming every role, page, size or text out of bounds
	 */
	Page<Account> search(String role, String q, int page, int size, Actor caller) {
		Violations violations = new Violations();
		String realmRole = realmRole(role, violations);
		if (page < 0 || page > MAX_PAGE) {
			// beyond that the offset no longer fits the database's skip
			violations.add("page", "must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			violations.add("size", "must be between 1 and " + MAX_SIZE);
		}
		if (q != null && q.length() > 100) {
			violations.add("q", "must be at most 100 characters");
		}
		else if (q != null && q.chars().anyMatch(Character::isISOControl)) {
			// the database refuses a NUL inside a pattern; no name holds control
			// characters
			violations.add("q", "must not contain control characters");
		}
		violations.throwIfAny();
		Criteria filter = (realmRole != null) ? Criteria.where("role").is(realmRole) : new Criteria();
		if (q != null && !q.isBlank()) {
			// quoted: the search text is never a regular expression
			String text = Pattern.quote(q.strip());
			if (caller.isDirector()) {
				// a staff member's username is their e-mail address: only directors,
				// who see usernames, find by them (no one else may test an address)
				filter = filter.orOperator(Criteria.where("displayName").regex(text, "i"),
						Criteria.where("username").regex(text, "i"));
			}
			else {
				filter = filter.and("displayName").regex(text, "i");
			}
		}
		return this.accounts.page(filter, page, size);
	}

	/**
	 * @throws ApiProblem 404 if there is no such account
	 */
	Account get(String userId) {
		return this.managed.existing(userId);
	}

	/** The stored (realm) name of the role asked for, or {@code null} for any role. */
	private static String realmRole(String role, Violations violations) {
		if (role == null || role.isBlank()) {
			return null;
		}
		String spelled = role.strip();
		if (ROLE_SPELLING.matcher(spelled).matches()) {
			for (Actor.Role known : Actor.Role.values()) {
				if (known.name().equals(spelled.toUpperCase(Locale.ROOT))) {
					return known.realmRole();
				}
			}
		}
		violations.add("role", "must be one of " + ROLES + " (lower case is accepted as well)");
		return null;
	}

}
