package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;

/**
 * The accounts managed by auth-service, for clinicians and directors. No e-mail
 * addresses: they stay in Keycloak.
 */
@RestController
@PreAuthorize("hasAnyRole('therapist', 'director')")
class UserDirectoryController {

	private static final int MAX_SIZE = 100;

	private static final int MAX_PAGE = 100_000;

	private final Accounts accounts;

	UserDirectoryController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/api/auth/users")
	UserPage list(@RequestParam(required = false) String role, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0 || page > MAX_PAGE) {
			// beyond that the offset no longer fits the database's skip
			throw AccountProblem.invalidField("page", "must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw AccountProblem.invalidField("size", "must be between 1 and " + MAX_SIZE);
		}
		if (q != null && q.length() > 100) {
			throw AccountProblem.invalidField("q", "must be at most 100 characters");
		}
		if (q != null && q.chars().anyMatch(Character::isISOControl)) {
			// the database refuses a NUL inside a pattern; no name holds control
			// characters
			throw AccountProblem.invalidField("q", "must not contain control characters");
		}
		Criteria filter = new Criteria();
		if (role != null && !role.isBlank()) {
			filter = filter.and("role").is(role);
		}
		if (q != null && !q.isBlank()) {
			// quoted: the search text is never a regular expression
			filter = filter.and("displayName").regex(Pattern.quote(q.strip()), "i");
		}
		Page<Account> found = this.accounts.page(filter, page, size);
		return new UserPage(found.getContent().stream().map(UserSummary::of).toList(), page, size,
				found.getTotalElements());
	}

	@GetMapping("/api/auth/users/{userId}")
	UserSummary get(@PathVariable String userId) {
		return this.accounts.find(userId)
			.map(UserSummary::of)
			.orElseThrow(() -> new AccountProblem(HttpStatus.NOT_FOUND, "No such account."));
	}

	record UserPage(List<UserSummary> items, int page, int size, long total) {

	}

	record UserSummary(String userId, String username, String role, String displayName, AccountStatus status,
			Account.Licence licence, String supervisorId, Instant createdAt) {

		static UserSummary of(Account account) {
			return new UserSummary(account.id(), account.username(), account.role(), account.displayName(),
					account.status(), account.licence(), account.supervisorId(), account.createdAt());
		}

	}

}
