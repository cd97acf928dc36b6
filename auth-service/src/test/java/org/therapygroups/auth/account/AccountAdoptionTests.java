package org.therapygroups.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(this.adoption
			.adopt(new AccountAdoption.Candidate("u-1", "dora", "Dora Director", Set.of("therapist", "director"))))
			.isTrue();

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
		this.adoption.adopt(new AccountAdoption.Candidate("u-1", "pia", "pia@example.org", Set.of("patient")));

		assertThat(inserted().displayName()).isEqualTo("patient");
	}

	@Test
	void aUserWithoutAPlatformRoleIsNotAdopted() {
		assertThat(
				this.adoption.adopt(new AccountAdoption.Candidate("u-1", "admin", "Admin", Set.of("offline_access"))))
			.isFalse();

		verifyNoInteractions(this.accounts);
	}

	@Test
	void aConcurrentAdoptionOfTheSameUserIsNoFailure() {
		willThrow(new DuplicateKeyException("u-1")).given(this.accounts).insert(any());

		assertThat(this.adoption.adopt(new AccountAdoption.Candidate("u-1", "pia", null, Set.of("patient")))).isFalse();
	}

	private Account inserted() {
		ArgumentCaptor<Account> account = ArgumentCaptor.forClass(Account.class);
		verify(this.accounts).insert(account.capture());
		return account.getValue();
	}

}
