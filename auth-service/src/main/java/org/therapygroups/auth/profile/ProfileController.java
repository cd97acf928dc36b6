package org.therapygroups.auth.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.outbox.OutboxEntry;
import org.therapygroups.auth.outbox.OutboxRelay;
import org.therapygroups.events.identity.UserProfileChanged;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.auth.names.PersonNames;

/**
 * The caller's own display name and contact preferences, kept in their account document.
 * Only a new display name is an event: other services show names, none needs the
 * preferences.
 */
@RestController
class ProfileController {

	private final MongoTemplate mongo;

	private final Accounts accounts;

	private final Onboarding onboarding;

	ProfileController(MongoTemplate mongo, Accounts accounts, Onboarding onboarding) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.onboarding = onboarding;
	}

	@GetMapping("/api/auth/me/profile")
	Profile get(JwtAuthenticationToken caller) {
		return find(caller).withDefaults();
	}

	@PutMapping("/api/auth/me/profile")
	Profile update(@Valid @RequestBody ProfileRequest request, JwtAuthenticationToken caller) {
		Profile current = find(caller);
		String displayName = request.displayName().strip();
		Instant now = this.onboarding.now();
		OutboxEntry event = displayName.equals(current.displayName()) ? null
				: OutboxEntry.of(new UserProfileChanged(current.id(), current.role(), displayName, now), now);
		if (!this.accounts.update(Criteria.where("_id").is(current.id()),
				new Update().set("displayName", displayName).set("contactPreferences", request.contactPreferences()),
				event, now)) {
			throw notFound();
		}
		return new Profile(current.id(), current.role(), displayName, request.contactPreferences());
	}

	private Profile find(JwtAuthenticationToken caller) {
		String userId = caller.getToken().getSubject();
		Profile profile = this.mongo.findById(userId, Profile.class, OutboxRelay.COLLECTION);
		if (profile == null) {
			adopt(caller);
			profile = this.mongo.findById(userId, Profile.class, OutboxRelay.COLLECTION);
		}
		if (profile == null) {
			throw notFound();
		}
		return profile;
	}

	/**
	 * A user created in Keycloak directly (the local demo users, or by an administrator)
	 * gets an account on first use of their profile, announced like any registration so
	 * the other services' directories learn of them.
	 */
	private void adopt(JwtAuthenticationToken caller) {
		Jwt token = caller.getToken();
		Optional<String> role = PLATFORM_ROLES.stream()
			.filter((r) -> caller.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_" + r)))
			.findFirst();
		if (role.isEmpty()) {
			return;
		}
		String displayName = Optional.ofNullable(token.getClaimAsString("name"))
			.filter((name) -> !name.isBlank() && !name.contains("@"))
			.orElse(role.get());
		Instant now = this.onboarding.now();
		Account account = new Account(token.getSubject(), token.getClaimAsString("preferred_username"), role.get(),
				displayName, AccountStatus.ACTIVE, null, null, null, "keycloak", now, now,
				List.of(OutboxEntry.of(new UserRegistered(token.getSubject(), role.get(), displayName, now), now)));
		try {
			this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			// adopted by a concurrent request of the same user
		}
	}

	/** Most privileged first, for a user who holds more than one. */
	private static final List<String> PLATFORM_ROLES = List.of("director", "therapist", "patient");

	private static AccountProblem notFound() {
		return new AccountProblem(HttpStatus.NOT_FOUND, "Your account is not managed by this service.");
	}

	/** This package's view of the account document. */
	record Profile(String id, String role, String displayName, ContactPreferences contactPreferences) {

		Profile withDefaults() {
			return (this.contactPreferences != null) ? this
					: new Profile(this.id, this.role, this.displayName, ContactPreferences.DEFAULT);
		}

	}

	/**
	 * @param channel how reminders reach the user
	 * @param sessionReminders whether to remind of upcoming sessions
	 */
	record ContactPreferences(
			@NotNull @Pattern(regexp = "email|sms|none", message = "must be email, sms or none") String channel,
			boolean sessionReminders) {

		static final ContactPreferences DEFAULT = new ContactPreferences("email", true);

	}

	record ProfileRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String displayName,
			@NotNull @Valid ContactPreferences contactPreferences) {

	}

}
