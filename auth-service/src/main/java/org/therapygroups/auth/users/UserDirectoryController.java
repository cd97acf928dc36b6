package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.data.domain.Page;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;

/**
 * The accounts managed by auth-service, for clinicians and directors. Usernames (a staff
 * member's username is their e-mail address) and licences are shown to directors only,
 * who manage accounts; therapists see who is who, enough to pick a colleague or a
 * patient.
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
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			Authentication caller) {
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
		boolean director = isDirector(caller);
		return new UserPage(found.getContent().stream().map((account) -> UserSummary.of(account, director)).toList(),
				page, size, found.getTotalElements());
	}

	@GetMapping("/api/auth/users/{userId}")
	UserSummary get(@PathVariable String userId, Authentication caller) {
		boolean director = isDirector(caller);
		return this.accounts.find(userId)
			.map((account) -> UserSummary.of(account, director))
			.orElseThrow(() -> new AccountProblem(HttpStatus.NOT_FOUND, "No such account."));
	}

	private static boolean isDirector(Authentication caller) {
		return caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_director".equals(authority.getAuthority()));
	}

	record UserPage(List<UserSummary> items, int page, int size, long total) {

	}

	/** {@code username} and {@code licence} are left out for anybody but a director. */
	record UserSummary(String userId, @JsonInclude(JsonInclude.Include.NON_NULL) String username, String role,
			String displayName, AccountStatus status,
			@JsonInclude(JsonInclude.Include.NON_NULL) Account.Licence licence, String supervisorId,
			Instant createdAt) {

		static UserSummary of(Account account, boolean forDirector) {
			return new UserSummary(account.id(), forDirector ? account.username() : null, account.role(),
					account.displayName(), account.status(), forDirector ? account.licence() : null,
					account.supervisorId(), account.createdAt());
		}

	}

}
