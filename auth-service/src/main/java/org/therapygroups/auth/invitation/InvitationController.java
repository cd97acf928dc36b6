package org.therapygroups.auth.invitation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.names.PersonNames;
import org.therapygroups.platform.security.Actor;

/**
 * Therapists and directors invite patients ({@link PatientInvitation}), and re-issue or
 * revoke invitation codes ({@link Invitations}).
 */
@RestController
@PreAuthorize("hasAnyRole('therapist', 'director')")
class InvitationController {

	private final PatientInvitation patientInvitation;

	private final Invitations invitations;

	InvitationController(PatientInvitation patientInvitation, Invitations invitations) {
		this.patientInvitation = patientInvitation;
		this.invitations = invitations;
	}

	@PostMapping("/api/auth/invitations")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "invitePatient",
			summary = "Invite a patient; the account stays disabled until accepted (therapist, director)")
	Onboarding.Onboarded invite(@Valid @RequestBody InvitationRequest request, Actor caller) {
		return this.patientInvitation.invite(request.firstName(), request.lastName(), request.email(), caller.id());
	}

	@PostMapping("/api/auth/invitations/{userId}/reissue")
	@Operation(operationId = "reissueInvitation",
			summary = "Issue a new one-time code for a pending invitation (therapist, director)")
	Invitations.Reissued reissue(@PathVariable String userId, Actor caller) {
		return this.invitations.reissue(userId, caller.isDirector());
	}

	@DeleteMapping("/api/auth/invitations/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeInvitation", summary = "Withdraw a pending invitation (therapist, director)")
	void revoke(@PathVariable String userId, Actor caller) {
		this.invitations.revoke(userId, caller.isDirector());
	}

	record InvitationRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String firstName,
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String lastName,
			@Email @Size(max = 254) String email) {

	}

}
