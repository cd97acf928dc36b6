package org.therapygroups.auth.users;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventJson;
import org.therapygroups.events.Events;
import org.therapygroups.events.identity.UserRoleChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Role changes: staff only, nothing to do for the same role, guarded by the role read.
 */
class RoleChangeTests {

	private final Accounts accounts = mock(Accounts.class);

	private final KeycloakUsers keycloak = mock(KeycloakUsers.class);

	private final RoleChange roleChange = new RoleChange(
			new ManagedAccounts(this.accounts, Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC)),
			this.keycloak);

	@Test
	void aNewRoleIsRecordedIfTheOldOneIsStillThereAndAnswersThePreviousRole() {
		givenRole("therapist");
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);

		assertThat(this.roleChange.change("u-1", "director", "director-1")).isEqualTo("therapist");

		ArgumentCaptor<Criteria> condition = ArgumentCaptor.forClass(Criteria.class);
		ArgumentCaptor<OutboxEntry> event = ArgumentCaptor.forClass(OutboxEntry.class);
		verify(this.accounts).update(condition.capture(), any(), event.capture(), any());
		assertThat(condition.getValue().getCriteriaObject().get("role")).isEqualTo("therapist");
		assertThat(event.getValue().type()).isEqualTo("therapy.identity.user-role-changed.v1");
		assertThat(Events.payload(EventJson.fromJson(event.getValue().event()), UserRoleChanged.class))
			.extracting(UserRoleChanged::role, UserRoleChanged::previousRole)
			.containsExactly("director", "therapist");
	}

	@Test
	void theSameRoleAgainChangesNothing() {
		givenRole("director");

		assertThat(this.roleChange.change("u-1", "director", "director-1")).isEqualTo("director");

		verifyNoInteractions(this.keycloak);
		verify(this.accounts, never()).update(any(), any(), any(), any());
	}

	@Test
	void aPatientIsNotStaff() {
		givenRole("patient");

		assertThatThrownBy(() -> this.roleChange.change("u-1", "therapist", "director-1")).isInstanceOfSatisfying(
				ApiProblem.class,
				(problem) -> assertThat(problem.getMessage()).isEqualTo("Only staff accounts change roles."));
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void anUnknownAccountIsNotFound() {
		given(this.accounts.find("u-9")).willReturn(Optional.empty());

		assertThatThrownBy(() -> this.roleChange.change("u-9", "therapist", "director-1")).isInstanceOfSatisfying(
				ApiProblem.class, (problem) -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	private void givenRole(String role) {
		Instant created = Instant.parse("2026-11-01T00:00:00Z");
		given(this.accounts.find("u-1")).willReturn(Optional.of(new Account("u-1", "someone", role, "Sam Someone",
				AccountStatus.ACTIVE, null, null, null, "director-1", created, created, List.of())));
	}

}
