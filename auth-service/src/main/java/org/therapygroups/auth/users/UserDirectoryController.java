package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.data.domain.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.platform.security.Actor;

/**
 * The accounts managed by auth-service, for clinicians and directors. Usernames (a staff
 * member's username is their e-mail address) and licences are shown to directors only,
 * who manage accounts; therapists see who is who, enough to pick a colleague or a
 * patient.
 */
@RestController
@PreAuthorize("hasAnyRole('therapist', 'director')")
class UserDirectoryController {

	private final UserDirectory directory;

	UserDirectoryController(UserDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/api/auth/users")
	@Operation(operationId = "listUsers", summary = "Search the user directory by role and name (staff)")
	UserPage list(@Parameter(
			description = "Only accounts of this role. Upper case like every enum of the API;"
					+ " lower case is accepted as well.",
			schema = @Schema(type = "string", allowableValues = { "DIRECTOR", "THERAPIST", "PATIENT" })) @RequestParam(
					required = false) String role,
			@Parameter(description = "Only accounts whose display name (or, for directors, username) contains this"
					+ " text, in any case") @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Actor caller) {
		Page<Account> found = this.directory.search(role, q, page, size, caller);
		boolean director = caller.isDirector();
		return new UserPage(found.getContent().stream().map((account) -> UserSummary.of(account, director)).toList(),
				page, size, found.getTotalElements());
	}

	@GetMapping("/api/auth/users/{userId}")
	@Operation(operationId = "getUser", summary = "One user of the directory (staff)")
	UserSummary get(@PathVariable String userId, Actor caller) {
		return UserSummary.of(this.directory.get(userId), caller.isDirector());
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
