package org.therapygroups.auth.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.InvitationCodes;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.platform.outbox.OutboxEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** A bad code changes nothing, a good one activates the user and records the event. */
class InvitationsTests {

	private static final String CODE = InvitationCodes.newCode();

	private final Accounts accounts = mock(Accounts.class);

	private final KeycloakUsers keycloak = mock(KeycloakUsers.class);

	private final Onboarding onboarding = onboarding();

	private final Invitations invitations = new Invitations(this.accounts, this.keycloak, this.onboarding,
			Clock.systemUTC());

	@Test
	void anUnknownCodeIsABadRequestAndTouchesNothing() {
		given(this.accounts.findByCodeHash(any())).willReturn(Optional.empty());
		assertProblem(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void anExpiredCodeIsGone() {
		givenInvitation(Instant.now().minusSeconds(1), null);
		assertProblem(HttpStatus.GONE);
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void aUsedCodeIsGone() {
		givenInvitation(Instant.now().plus(Duration.ofDays(1)), Instant.now().minusSeconds(60));
		assertProblem(HttpStatus.GONE);
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void aValidCodeSetsThePasswordActivatesAndRecordsUserActivated() {
		givenInvitation(Instant.now().plus(Duration.ofDays(1)), null);
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
		Invitations.Accepted accepted = this.invitations.accept(CODE, "Welcome-to-group-7");
		assertThat(accepted.userId()).isEqualTo("u-1");
		var order = inOrder(this.keycloak, this.accounts);
		order.verify(this.keycloak).setPassword("u-1", "Welcome-to-group-7");
		order.verify(this.keycloak).activate("u-1");
		var event = org.mockito.ArgumentCaptor.forClass(OutboxEntry.class);
		order.verify(this.accounts).update(any(), any(), event.capture(), any());
		assertThat(event.getValue().type()).isEqualTo("therapy.identity.user-activated.v1");
		assertThat(event.getValue().event()).doesNotContain(CODE).doesNotContain("Welcome-to-group-7");
	}

	@Test
	void aRefusedPasswordLeavesTheInvitationAlone() {
		givenInvitation(Instant.now().plus(Duration.ofDays(1)), null);
		org.mockito.BDDMockito.willThrow(new ApiProblem(HttpStatus.BAD_REQUEST, "weak"))
			.given(this.keycloak)
			.setPassword(eq("u-1"), any());
		assertProblem(HttpStatus.BAD_REQUEST);
		org.mockito.Mockito.verify(this.accounts, org.mockito.Mockito.never()).update(any(), any(), any(), any());
	}

	private void assertProblem(HttpStatus status) {
		assertThatThrownBy(() -> this.invitations.accept(CODE, "Welcome-to-group-7"))
			.isInstanceOfSatisfying(ApiProblem.class, (problem) -> assertThat(problem.status()).isEqualTo(status));
	}

	private void givenInvitation(Instant expiresAt, Instant usedAt) {
		Instant created = Instant.now().minus(1, ChronoUnit.DAYS);
		given(this.accounts.findByCodeHash(InvitationCodes.hash(CODE))).willReturn(Optional.of(new Account("u-1", "pia",
				"patient", "Pia Patient", (usedAt != null) ? AccountStatus.ACTIVE : AccountStatus.INVITED, null, null,
				new Account.Invitation(InvitationCodes.hash(CODE), expiresAt, usedAt), "t-1", created, created,
				java.util.List.of())));
	}

	private Onboarding onboarding() {
		Onboarding onboarding = mock(Onboarding.class);
		given(onboarding.now()).willAnswer((invocation) -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
		return onboarding;
	}

}
