package org.therapygroups.auth.invitation;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.InvitationCodes;
import org.therapygroups.platform.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * An attempt passes the limits before the code is even looked at, by the code's hash;
 * only a refused code stays counted against the address.
 */
class InvitationAcceptanceTests {

	private static final String ADDRESS = "198.51.100.1";

	private final AcceptRateLimiter limiter = mock(AcceptRateLimiter.class);

	private final Invitations invitations = mock(Invitations.class);

	private final InvitationAcceptance acceptance = new InvitationAcceptance(this.limiter, this.invitations);

	@Test
	void anAttemptWithinTheLimitAcceptsAndDoesNotCountAgainstTheAddress() {
		Invitations.Accepted accepted = new Invitations.Accepted("u-1", "pia", "patient");
		given(this.invitations.accept("c", "Welcome-to-group-7")).willReturn(accepted);

		assertThat(this.acceptance.accept(ADDRESS, "c", "Welcome-to-group-7")).isSameAs(accepted);

		var order = inOrder(this.limiter, this.invitations);
		order.verify(this.limiter).acquire(ADDRESS, InvitationCodes.hash("c"));
		order.verify(this.invitations).accept("c", "Welcome-to-group-7");
		order.verify(this.limiter).notAFailure(ADDRESS);
	}

	@Test
	void anAttemptBeyondTheLimitNeverReachesTheInvitation() {
		willThrow(ApiProblem.retryLater(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts.", 60)).given(this.limiter)
			.acquire(any(), any());

		assertThatThrownBy(() -> this.acceptance.accept(ADDRESS, "c", "Welcome-to-group-7"))
			.isInstanceOf(ApiProblem.class);
		verifyNoInteractions(this.invitations);
	}

	@Test
	void aRefusedCodeCountsAgainstTheAddress() {
		willThrow(new Invitations.RefusedCode(HttpStatus.GONE, "used")).given(this.invitations)
			.accept("c", "Welcome-to-group-7");

		assertThatThrownBy(() -> this.acceptance.accept(ADDRESS, "c", "Welcome-to-group-7"))
			.isInstanceOf(Invitations.RefusedCode.class);
		verify(this.limiter, never()).notAFailure(any());
	}

	@Test
	void aRefusedPasswordOrAFailureOfTheServiceDoesNot() {
		willThrow(new ApiProblem(HttpStatus.BAD_REQUEST, "policy")).willThrow(new IllegalStateException("away"))
			.given(this.invitations)
			.accept("c", "weak");

		assertThatThrownBy(() -> this.acceptance.accept(ADDRESS, "c", "weak")).isInstanceOf(ApiProblem.class);
		assertThatThrownBy(() -> this.acceptance.accept(ADDRESS, "c", "weak"))
			.isInstanceOf(IllegalStateException.class);
		verify(this.limiter, org.mockito.Mockito.times(2)).notAFailure(ADDRESS);
	}

}
