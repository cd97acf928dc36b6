package org.therapygroups.auth.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountProblem;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.names.PersonNames;

/**
 * Directors create therapist and director accounts. The staff member sets their own
 * password with the one-time invitation code (or Keycloak's UPDATE_PASSWORD action where
 * mail is configured); no password is ever chosen or returned here.
 */
@RestController
class StaffController {

	private static final Set<String> SUPERVISOR_ROLES = Set.of("therapist", "director");

	private final Onboarding onboarding;

	private final KeycloakUsers keycloak;

	StaffController(Onboarding onboarding, KeycloakUsers keycloak) {
		this.onboarding = onboarding;
		this.keycloak = keycloak;
	}

	@PostMapping("/api/auth/staff")
	@PreAuthorize("hasRole('director')")
	@ResponseStatus(HttpStatus.CREATED)
	Onboarding.Onboarded create(@Valid @RequestBody StaffRequest request, JwtAuthenticationToken caller) {
		checkLicence(request);
		checkSupervisor(request.supervisorId());
		Account.Licence licence = (request.licenceNumber() != null && !request.licenceNumber().isBlank())
				? new Account.Licence(request.licenceType().strip(), request.licenceNumber().strip()) : null;
		String email = request.email().strip().toLowerCase(Locale.ROOT);
		// staff sign in with their e-mail address; it is their username as well
		return this.onboarding
			.onboard(new Onboarding.Applicant(email, email, request.firstName(), request.lastName(), request.role(),
					licence, request.supervisorId(), caller.getToken().getSubject(), true, List.of("UPDATE_PASSWORD")));
	}

	/** Therapists must be licensed; a director's licence is optional. */
	private static void checkLicence(StaffRequest request) {
		List<AccountProblem.FieldError> errors = new ArrayList<>();
		boolean therapist = "therapist".equals(request.role());
		if (therapist && isBlank(request.licenceType())) {
			errors.add(new AccountProblem.FieldError("licenceType", "is required for therapists"));
		}
		if (therapist && isBlank(request.licenceNumber())) {
			errors.add(new AccountProblem.FieldError("licenceNumber", "is required for therapists"));
		}
		if (!therapist && isBlank(request.licenceType()) != isBlank(request.licenceNumber())) {
			errors.add(new AccountProblem.FieldError("licenceNumber", "licence type and number go together"));
		}
		if (!errors.isEmpty()) {
			throw new AccountProblem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", errors, null);
		}
	}

	private void checkSupervisor(String supervisorId) {
		if (supervisorId == null) {
			return;
		}
		try {
			UUID.fromString(supervisorId);
		}
		catch (IllegalArgumentException ex) {
			throw AccountProblem.invalidField("supervisorId", "is not a user id");
		}
		boolean supervises = this.keycloak.realmRoles(supervisorId)
			.map((roles) -> roles.stream().anyMatch(SUPERVISOR_ROLES::contains))
			.orElse(false);
		if (!supervises) {
			throw AccountProblem.invalidField("supervisorId", "must be an existing therapist or director");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	record StaffRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String firstName,
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String lastName,
			@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "therapist|director", message = "must be therapist or director") String role,
			@Size(max = 100) String licenceType, @Size(max = 100) String licenceNumber, String supervisorId) {

	}

}
