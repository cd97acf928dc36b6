package org.therapygroups.auth.invitation;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.InvitationCodes;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.account.StoredTime;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserActivated;

/** Accepting, re-issuing and revoking invitation codes. */
@Service
class Invitations {

	private final Accounts accounts;

	private final KeycloakUsers keycloak;

	private final Onboarding onboarding;

	private final Clock clock;

	Invitations(Accounts accounts, KeycloakUsers keycloak, Onboarding onboarding, Clock clock) {
		this.accounts = accounts;
		this.keycloak = keycloak;
		this.onboarding = onboarding;
		this.clock = clock;
	}

	/**
	 * Checks the code before Keycloak is touched, so a bad code changes nothing; a
	 * password the policy refuses leaves the invitation usable.
	 * @throws RefusedCode 400 for an unknown code, 410 for a used or expired one
	 * @throws ApiProblem 400 for a password the policy refuses
	 */
	Accepted accept(String code, String password) {
		Instant now = StoredTime.now(this.clock);
		String hash = InvitationCodes.hash(code);
		Account account = this.accounts.findByCodeHash(hash)
			.orElseThrow(() -> new RefusedCode(HttpStatus.BAD_REQUEST, "The invitation code is not valid."));
		if (account.invitation().usedAt() != null || account.status() != AccountStatus.INVITED) {
			throw new RefusedCode(HttpStatus.GONE, "The invitation code has been used already.");
		}
		if (!now.isBefore(account.invitation().expiresAt())) {
			throw new RefusedCode(HttpStatus.GONE, "The invitation code has expired. Ask for a new one.");
		}
		this.keycloak.setPassword(account.id(), password);
		this.keycloak.activate(account.id());
		boolean recorded = this.accounts.update(
				Criteria.where("_id")
					.is(account.id())
					.and("invitation.codeHash")
					.is(hash)
					.and("invitation.usedAt")
					.is(null),
				new Update().set("status", AccountStatus.ACTIVE).set("invitation.usedAt", now),
				OutboxEntry.of(EventSources.AUTH_SERVICE,
						new UserActivated(account.id(), account.role(), account.displayName(), now), now),
				now);
		if (!recorded) {
			// accepted twice at the same moment: the other request recorded it
			throw new RefusedCode(HttpStatus.GONE, "The invitation code has been used already.");
		}
		return new Accepted(account.id(), account.username(), account.role());
	}

	Reissued reissue(String userId, boolean callerIsDirector) {
		Account account = invited(userId, callerIsDirector);
		Instant now = StoredTime.now(this.clock);
		Onboarding.IssuedCode code = this.onboarding.issueCode(now);
		// the old hash is overwritten: the old code stops working in the same write
		if (!this.accounts.update(invitedCondition(account.id()), new Update().set("invitation", code.invitation()),
				null, now)) {
			throw notInvited();
		}
		return new Reissued(account.id(), code.code(), code.link(), code.invitation().expiresAt());
	}

	void revoke(String userId, boolean callerIsDirector) {
		Account account = invited(userId, callerIsDirector);
		if (!this.accounts.update(invitedCondition(account.id()), new Update().unset("invitation"), null,
				StoredTime.now(this.clock))) {
			throw notInvited();
		}
	}

	/** Therapists manage patients' invitations only; directors everybody's. */
	private Account invited(String userId, boolean callerIsDirector) {
		Account account = this.accounts.find(userId)
			.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such account."));
		if (!callerIsDirector && !"patient".equals(account.role())) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "Only directors manage invitations of staff.");
		}
		if (account.status() != AccountStatus.INVITED) {
			throw notInvited();
		}
		return account;
	}

	private static Criteria invitedCondition(String userId) {
		return Criteria.where("_id").is(userId).and("status").is(AccountStatus.INVITED);
	}

	private static ApiProblem notInvited() {
		return new ApiProblem(HttpStatus.CONFLICT, "The account has accepted its invitation already.");
	}

	/**
	 * The code is unknown, used or expired: what guessing would meet, so it counts
	 * against the client address (see {@link AcceptRateLimiter}).
	 */
	static final class RefusedCode extends ApiProblem {

		RefusedCode(HttpStatus status, String detail) {
			super(status, detail);
		}

	}

	record Accepted(String userId, String username, String role) {

	}

	record Reissued(String userId, String code, URI link, Instant expiresAt) {

	}

}
