package org.therapygroups.auth.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.StoredTime;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserRegistered;

/**
 * A user created in Keycloak directly (the local demo users, or by an administrator) gets
 * an account on first use of their profile, announced like any registration so the other
 * services' directories learn of them.
 */
@Service
class AccountAdoption {

	/** Most privileged first, for a user who holds more than one. */
	private static final List<String> PLATFORM_ROLES = List.of("director", "therapist", "patient");

	private final Accounts accounts;

	private final Clock clock;

	AccountAdoption(Accounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Writes the account document of a user with a platform role; a user without one is
	 * left alone. The display name is the token's name, unless that is blank or looks
	 * like an e-mail address, else the role.
	 */
	void adopt(SignedInUser user) {
		Optional<String> role = PLATFORM_ROLES.stream().filter(user.roles()::contains).findFirst();
		if (role.isEmpty()) {
			return;
		}
		String displayName = Optional.ofNullable(user.name())
			.filter((name) -> !name.isBlank() && !name.contains("@"))
			.orElse(role.get());
		Instant now = StoredTime.now(this.clock);
		Account account = new Account(user.id(), user.username(), role.get(), displayName, AccountStatus.ACTIVE, null,
				null, null, "keycloak", now, now, List.of(OutboxEntry.of(EventSources.AUTH_SERVICE,
						new UserRegistered(user.id(), role.get(), displayName, now), now)));
		try {
			this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			// adopted by a concurrent request of the same user
		}
	}

}
