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
 * and a rate limit per client address, see {@link InvitationAcceptance}.
 */
@RestController
class AcceptController {

	private final InvitationAcceptance acceptance;

	private final ClientAddresses addresses;

	AcceptController(InvitationAcceptance acceptance, ClientAddresses addresses) {
		this.acceptance = acceptance;
		this.addresses = addresses;
	}

	@PostMapping("/api/auth/public/invitations/accept")
	Invitations.Accepted accept(@Valid @RequestBody AcceptRequest request, HttpServletRequest http) {
		return this.acceptance.accept(this.addresses.of(http), request.code(), request.password());
	}

	/** Values are never echoed back or logged. */
	record AcceptRequest(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 128) String password) {

		@Override
		public String toString() {
			return "AcceptRequest[redacted]";
		}

	}

}
