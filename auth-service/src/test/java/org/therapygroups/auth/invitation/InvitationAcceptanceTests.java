package org.therapygroups.auth.invitation;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** An attempt counts against its address before the code is even looked at. */
class InvitationAcceptanceTests {

	private final AcceptRateLimiter limiter = mock(AcceptRateLimiter.class);

	private final Invitations invitations = mock(Invitations.class);

	private final InvitationAcceptance acceptance = new InvitationAcceptance(this.limiter, this.invitations);

	@Test
	void anAttemptWithinTheLimitAccepts() {
		Invitations.Accepted accepted = new Invitations.Accepted("u-1", "pia", "patient");
		given(this.invitations.accept("c", "Welcome-to-group-7")).willReturn(accepted);

		assertThat(this.acceptance.accept("198.51.100.1", "c", "Welcome-to-group-7")).isSameAs(accepted);

		var order = inOrder(this.limiter, this.invitations);
		order.verify(this.limiter).acquire("198.51.100.1");
		order.verify(this.invitations).accept("c", "Welcome-to-group-7");
	}

	@Test
	void anAttemptBeyondTheLimitNeverReachesTheInvitation() {
		willThrow(new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts.")).given(this.limiter)
			.acquire("198.51.100.1");

		assertThatThrownBy(() -> this.acceptance.accept("198.51.100.1", "c", "Welcome-to-group-7"))
			.isInstanceOf(ApiProblem.class);
		verifyNoInteractions(this.invitations);
	}

}
