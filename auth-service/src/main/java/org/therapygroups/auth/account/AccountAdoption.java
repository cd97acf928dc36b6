package org.therapygroups.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserRegistered;

/**
 * A user created in Keycloak directly (the local demo users, or by an administrator) gets
 * an account, announced like any registration so the other services' directories learn of
 * them: on first use of their profile, and by {@link AccountReconciliation} for those who
 * never open it.
 */
@Service
public class AccountAdoption {

	/** Most privileged first, for a user who holds more than one. */
	private static final List<String> PLATFORM_ROLES = Arrays.stream(Actor.Role.values())
		.map(Actor.Role::realmRole)
		.toList();

	private final Accounts accounts;

	private final Clock clock;

	AccountAdoption(Accounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Writes the account document of a user with a platform role, and its
	 * {@link UserRegistered} event in the same write; a user without one is left alone.
	 * The display name is the user's name, unless that is blank or looks like an e-mail
	 * address, else the role.
	 * @param user the Keycloak user
	 * @return whether this call wrote the account (not when it existed already)
	 */
	public boolean adopt(Candidate user) {
		Optional<String> role = PLATFORM_ROLES.stream().filter(user.roles()::contains).findFirst();
		if (role.isEmpty()) {
			return false;
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
			return true;
		}
		catch (DuplicateKeyException ex) {
			// adopted by a concurrent request of the same user, or by the reconciliation
			return false;
		}
	}

	/**
	 * A Keycloak user as their token or Keycloak's Admin API describes them.
	 *
	 * @param id the Keycloak user id
	 * @param username the Keycloak username, if known
	 * @param name the full name, if known
	 * @param roles the realm roles, without the {@code ROLE_} prefix
	 */
	public record Candidate(String id, String username, String name, Set<String> roles) {

	}

}
