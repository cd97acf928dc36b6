package org.therapygroups.auth.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserRegistered;

/**
 * Creates an account in Keycloak and here, with a fresh invitation code, or not at all:
 * if the role cannot be assigned or the document cannot be written, the Keycloak user is
 * deleted again. The intent is recorded before Keycloak is asked, so that a crash in the
 * middle, which throws nothing, is undone by {@link HalfMadeAccounts}.
 */
@Service
@EnableConfigurationProperties(AccountsProperties.class)
public class Onboarding {

	private final KeycloakUsers keycloak;

	private final Accounts accounts;

	private final AccountsProperties properties;

	private final PendingCreations pending;

	private final Clock clock;

	Onboarding(KeycloakUsers keycloak, Accounts accounts, PendingCreations pending, AccountsProperties properties,
			Clock clock) {
		this.keycloak = keycloak;
		this.accounts = accounts;
		this.pending = pending;
		this.properties = properties;
		this.clock = clock;
	}

	public Onboarded onboard(Applicant applicant) {
		Instant now = now();
		String displayName = applicant.firstName().strip() + " " + applicant.lastName().strip();
		PendingCreations.PendingCreation intent = this.pending.record(applicant.username(), now);
		String userId;
		try {
			userId = this.keycloak.create(
					new KeycloakUsers.NewUser(applicant.username(), applicant.email(), applicant.firstName().strip(),
							applicant.lastName().strip(), applicant.enabled(), applicant.requiredActions()));
		}
		catch (RuntimeException ex) {
			this.pending.doneQuietly(intent);
			throw ex;
		}
		try {
			this.keycloak.assignRealmRole(userId, applicant.role());
			IssuedCode code = issueCode(now);
			this.accounts.insert(new Account(userId, applicant.username(), applicant.role(), displayName,
					AccountStatus.INVITED, applicant.licence(), applicant.supervisorId(), code.invitation(),
					applicant.createdBy(), now, now, List.of(OutboxEntry.of(EventSources.AUTH_SERVICE,
							new UserRegistered(userId, applicant.role(), displayName, now), now))));
			this.pending.done(intent);
			return new Onboarded(userId, applicant.username(), applicant.role(), code.code(), code.link(),
					code.invitation().expiresAt());
		}
		catch (RuntimeException ex) {
			// if the user cannot be deleted now, the recorded intent has it deleted later
			if (this.keycloak.deleteQuietly(userId)) {
				this.pending.doneQuietly(intent);
			}
			throw ex;
		}
	}

	/** A new code; the caller stores {@link IssuedCode#invitation()}. */
	public IssuedCode issueCode(Instant now) {
		String code = InvitationCodes.newCode();
		Instant expiresAt = now.plus(this.properties.invitationValidity());
		URI link = URI.create(this.properties.invitationBaseUrl() + "#code=" + code);
		return new IssuedCode(code, link, new Account.Invitation(InvitationCodes.hash(code), expiresAt, null));
	}

	/**
	 * When an account is created, as {@link StoredTime#now(Clock)} gives it.
	 */
	public Instant now() {
		return StoredTime.now(this.clock);
	}

	public record Applicant(String username, String email, String firstName, String lastName, String role,
			Account.Licence licence, String supervisorId, String createdBy, boolean enabled,
			List<String> requiredActions) {

	}

	public record IssuedCode(String code, URI link, Account.Invitation invitation) {

	}

	/** The code is shown once, to the creator, and stored only as a hash. */
	public record Onboarded(String userId, String username, String role, String code, URI link, Instant expiresAt) {

	}

}
