package org.therapygroups.auth.invitation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.openapi.ApiDocument;

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
	@Operation(operationId = "acceptInvitation",
			summary = "Accept a patient invitation with its one-time code and set a password",
			responses = { @ApiResponse(responseCode = "200", description = "The account is active"),
					@ApiResponse(responseCode = "429",
							description = "Too many attempts from this address; try again after `Retry-After`",
							content = @Content(mediaType = ApiDocument.PROBLEM_JSON,
									schema = @Schema(ref = ApiDocument.PROBLEM))) })
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
