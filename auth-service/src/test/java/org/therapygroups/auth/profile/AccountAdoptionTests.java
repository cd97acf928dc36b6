package org.therapygroups.auth.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.dao.DuplicateKeyException;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** Users created in Keycloak directly get an account as their token describes them. */
class AccountAdoptionTests {

	private static final Instant NOW = Instant.parse("2026-11-22T06:00:00.987654Z");

	private final Accounts accounts = mock(Accounts.class);

	private final AccountAdoption adoption = new AccountAdoption(this.accounts, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theMostPrivilegedRoleAndTheTokensNameMakeAnActiveAccountThatIsAnnounced() {
		this.adoption.adopt(new SignedInUser("u-1", "dora", "Dora Director", Set.of("therapist", "director")));

		Account account = inserted();
		assertThat(account)
			.extracting(Account::id, Account::username, Account::role, Account::displayName, Account::status,
					Account::createdBy, Account::createdAt)
			.containsExactly("u-1", "dora", "director", "Dora Director", AccountStatus.ACTIVE, "keycloak",
					Instant.parse("2026-11-22T06:00:00.987Z"));
		assertThat(account.outbox()).singleElement()
			.satisfies((entry) -> assertThat(entry.type()).isEqualTo("therapy.identity.user-registered.v1"));
	}

	@Test
	void aNameThatLooksLikeAnEmailAddressIsNotShownToOthers() {
		this.adoption.adopt(new SignedInUser("u-1", "pia", "pia@example.org", Set.of("patient")));

		assertThat(inserted().displayName()).isEqualTo("patient");
	}

	@Test
	void aUserWithoutAPlatformRoleIsNotAdopted() {
		this.adoption.adopt(new SignedInUser("u-1", "admin", "Admin", Set.of("offline_access")));

		verifyNoInteractions(this.accounts);
	}

	@Test
	void aConcurrentAdoptionOfTheSameUserIsNoFailure() {
		willThrow(new DuplicateKeyException("u-1")).given(this.accounts).insert(any());

		assertThatNoException()
			.isThrownBy(() -> this.adoption.adopt(new SignedInUser("u-1", "pia", null, Set.of("patient"))));
	}

	private Account inserted() {
		ArgumentCaptor<Account> account = ArgumentCaptor.forClass(Account.class);
		verify(this.accounts).insert(account.capture());
		return account.getValue();
	}

}
