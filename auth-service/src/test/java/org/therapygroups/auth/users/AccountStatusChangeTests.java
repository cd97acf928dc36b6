package org.therapygroups.auth.users;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Deactivation and reactivation: Keycloak first, then the new status and its event in one
 * write, guarded by the status that was read, at the time the clock tells.
 */
class AccountStatusChangeTests {

	private static final Instant NOW = Instant.parse("2026-11-22T06:00:00.123456Z");

	private final Accounts accounts = mock(Accounts.class);

	private final KeycloakUsers keycloak = mock(KeycloakUsers.class);

	private final ManagedAccounts managed = new ManagedAccounts(this.accounts, Clock.fixed(NOW, ZoneOffset.UTC));

	private final AccountDeactivation deactivation = new AccountDeactivation(this.managed, this.keycloak);

	private final AccountReactivation reactivation = new AccountReactivation(this.managed, this.keycloak);

	@Test
	void deactivationRecordsTheStatusAndItsEventAtTheClocksMillisecond() {
		givenAccount(AccountStatus.ACTIVE);
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);

		this.deactivation.deactivate("u-1", "director-1");

		ArgumentCaptor<Criteria> condition = ArgumentCaptor.forClass(Criteria.class);
		ArgumentCaptor<Update> change = ArgumentCaptor.forClass(Update.class);
		ArgumentCaptor<OutboxEntry> event = ArgumentCaptor.forClass(OutboxEntry.class);
		var order = inOrder(this.keycloak, this.accounts);
		order.verify(this.keycloak).disableAndLogout("u-1");
		order.verify(this.accounts)
			.update(condition.capture(), change.capture(), event.capture(), org.mockito.ArgumentMatchers.eq(millis()));
		assertThat(condition.getValue().getCriteriaObject().get("status")).isEqualTo(AccountStatus.ACTIVE);
		assertThat(change.getValue().getUpdateObject().get("$set", org.bson.Document.class).get("status"))
			.isEqualTo(AccountStatus.DEACTIVATED);
		assertThat(event.getValue().type()).isEqualTo("therapy.identity.user-deactivated.v1");
		assertThat(EventJson.fromJson(event.getValue().event()).getTime().toInstant()).isEqualTo(millis());
	}

	@Test
	void anAccountChangedMeanwhileIsAConflictToRetry() {
		givenAccount(AccountStatus.DEACTIVATED);
		given(this.accounts.update(any(), any(), any(), any())).willReturn(false);

		assertThatThrownBy(() -> this.reactivation.reactivate("u-1")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> {
					assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
					assertThat(problem.getMessage()).isEqualTo("The account changed meanwhile. Try again.");
				});
		verify(this.keycloak).enable("u-1");
	}

	@Test
	void onlyADeactivatedAccountIsReactivated() {
		givenAccount(AccountStatus.ACTIVE);

		assertThatThrownBy(() -> this.reactivation.reactivate("u-1")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.getMessage()).isEqualTo("The account is active, not deactivated."));
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void directorsDoNotDeactivateThemselvesAndNobodyIsLookedUp() {
		assertThatThrownBy(() -> this.deactivation.deactivate("director-1", "director-1")).isInstanceOfSatisfying(
				ApiProblem.class, (problem) -> assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT));
		verifyNoInteractions(this.accounts, this.keycloak);
	}

	private void givenAccount(AccountStatus status) {
		given(this.accounts.find("u-1")).willReturn(Optional.of(new Account("u-1", "tess@example.org", "therapist",
				"Tess Tester", status, null, null, null, "director-1", NOW, NOW, List.of())));
	}

	private static Instant millis() {
		return Instant.parse("2026-11-22T06:00:00.123Z");
	}

}
