package org.therapygroups.auth.invitation;

import org.springframework.stereotype.Service;

import org.therapygroups.platform.problem.ApiProblem;

/**
 * An invited user accepts their invitation with a password of their own. Each attempt
 * counts against the client address's rate limit first, so codes and passwords cannot be
 * tried at speed.
 */
@Service
class InvitationAcceptance {

	private final AcceptRateLimiter limiter;

	private final Invitations invitations;

	InvitationAcceptance(AcceptRateLimiter limiter, Invitations invitations) {
		this.limiter = limiter;
		this.invitations = invitations;
	}

	/**
	 * @param client the address the attempt is counted for
	 * @throws ApiProblem 429 beyond the rate limit; see
	 * {@link Invitations#accept(String, String)} for the others
	 */
	Invitations.Accepted accept(String client, String code, String password) {
		this.limiter.acquire(client);
		return this.invitations.accept(code, password);
	}

}
