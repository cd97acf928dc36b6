package org.therapygroups.auth.invitation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public (no token: the invited user has no password yet). Protected by the 256-bit code
 * and a rate limit per client address.
 */
@RestController
class AcceptController {

	private final Invitations invitations;

	private final AcceptRateLimiter limiter;

	private final ClientAddresses addresses;

	AcceptController(Invitations invitations, AcceptRateLimiter limiter, ClientAddresses addresses) {
		this.invitations = invitations;
		this.limiter = limiter;
		this.addresses = addresses;
	}

	@PostMapping("/api/auth/public/invitations/accept")
	Invitations.Accepted accept(@Valid @RequestBody AcceptRequest request, HttpServletRequest http) {
		this.limiter.acquire(this.addresses.of(http));
		return this.invitations.accept(request.code(), request.password());
	}

	/** Values are never echoed back or logged. */
	record AcceptRequest(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 128) String password) {

		@Override
		public String toString() {
			return "AcceptRequest[redacted]";
		}

	}

}
