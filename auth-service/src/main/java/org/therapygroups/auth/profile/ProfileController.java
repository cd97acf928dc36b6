package org.therapygroups.auth.profile;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.outbox.OutboxEntry;
import org.therapygroups.auth.outbox.OutboxRelay;
import org.therapygroups.events.identity.UserProfileChanged;

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
		return find(caller.getToken().getSubject()).withDefaults();
	}

	@PutMapping("/api/auth/me/profile")
	Profile update(@Valid @RequestBody ProfileRequest request, JwtAuthenticationToken caller) {
		Profile current = find(caller.getToken().getSubject());
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

	private Profile find(String userId) {
		Profile profile = this.mongo.findById(userId, Profile.class, OutboxRelay.COLLECTION);
		if (profile == null) {
			throw notFound();
		}
		return profile;
	}

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
			@NotBlank @Size(max = 100) @Pattern(regexp = "[^@]*", message = "must not contain @") String displayName,
			@NotNull @Valid ContactPreferences contactPreferences) {

	}

}
