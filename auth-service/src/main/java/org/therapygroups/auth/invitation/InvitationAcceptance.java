package org.therapygroups.auth.invitation;

import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.InvitationCodes;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * An invited user accepts their invitation with a password of their own. Each attempt
 * passes the rate limits first (see {@link AcceptRateLimiter}); only a refused code
 * counts against the client address, so codes cannot be guessed at speed while many
 * patients can set up their accounts on one device.
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
	 * @throws ApiProblem 429 beyond a rate limit; see
	 * {@link Invitations#accept(String, String)} for the others
	 */
	Invitations.Accepted accept(String client, String code, String password) {
		this.limiter.acquire(client, InvitationCodes.hash(code));
		boolean refusedCode = false;
		try {
			return this.invitations.accept(code, password);
		}
		catch (Invitations.RefusedCode ex) {
			refusedCode = true;
			throw ex;
		}
		finally {
			if (!refusedCode) {
				this.limiter.notAFailure(client);
			}
		}
	}

}
