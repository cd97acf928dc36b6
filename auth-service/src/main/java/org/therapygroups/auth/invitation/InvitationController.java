package org.therapygroups.auth.invitation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.names.PersonNames;

/**
 * Therapists and directors invite patients. The patient's Keycloak user stays disabled
 * until the patient accepts the invitation with a password of their own.
 */
@RestController
@PreAuthorize("hasAnyRole('therapist', 'director')")
class InvitationController {

	private final Onboarding onboarding;

	private final Invitations invitations;

	InvitationController(Onboarding onboarding, Invitations invitations) {
		this.onboarding = onboarding;
		this.invitations = invitations;
	}

	@PostMapping("/api/auth/invitations")
	@ResponseStatus(HttpStatus.CREATED)
	Onboarding.Onboarded invite(@Valid @RequestBody InvitationRequest request, JwtAuthenticationToken caller) {
		String email = (request.email() == null || request.email().isBlank()) ? null
				: request.email().strip().toLowerCase(Locale.ROOT);
		return this.onboarding.onboard(new Onboarding.Applicant(username(request), email, request.firstName(),
				request.lastName(), "patient", null, null, caller.getToken().getSubject(), false, List.of()));
	}

	@PostMapping("/api/auth/invitations/{userId}/reissue")
	Invitations.Reissued reissue(@PathVariable String userId, JwtAuthenticationToken caller) {
		return this.invitations.reissue(userId, isDirector(caller));
	}

	@DeleteMapping("/api/auth/invitations/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String userId, JwtAuthenticationToken caller) {
		this.invitations.revoke(userId, isDirector(caller));
	}

	private static boolean isDirector(JwtAuthenticationToken caller) {
		return caller.getAuthorities().stream().anyMatch((a) -> "ROLE_director".equals(a.getAuthority()));
	}

	/**
	 * Patients get a generated username (shown with the invitation): an e-mail address is
	 * optional for them, and a name alone is not unique.
	 */
	static String username(InvitationRequest request) {
		String base = Normalizer.normalize(request.firstName() + "." + request.lastName(), Normalizer.Form.NFD)
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9.]", "");
		base = base.replaceAll("\\.+", ".").replaceAll("^\\.|\\.$", "");
		if (base.length() > 30) {
			base = base.substring(0, 30);
		}
		if (base.isEmpty()) {
			base = "patient";
		}
		return base + "." + (100000 + ThreadLocalRandom.current().nextInt(900000));
	}

	record InvitationRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String firstName,
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String lastName,
			@Email @Size(max = 254) String email) {

	}

}
