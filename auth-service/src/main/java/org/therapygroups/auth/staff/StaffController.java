package org.therapygroups.auth.staff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.names.PersonNames;
import org.therapygroups.platform.problem.Violations;
import org.therapygroups.platform.security.Actor;

/** Directors create therapist and director accounts, see {@link StaffOnboarding}. */
@RestController
class StaffController {

	private final StaffOnboarding staffOnboarding;

	StaffController(StaffOnboarding staffOnboarding) {
		this.staffOnboarding = staffOnboarding;
	}

	@PostMapping("/api/auth/staff")
	@PreAuthorize("hasRole('director')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createStaff",
			summary = "Create a therapist or director account; returns a one-time code (director)")
	Onboarding.Onboarded create(@Valid @RequestBody StaffRequest request, BindingResult validation, Actor caller) {
		return this.staffOnboarding.onboard(
				new StaffOnboarding.NewStaff(request.firstName(), request.lastName(), request.email(), request.role(),
						request.licenceType(), request.licenceNumber(), request.supervisorId(), caller.id()),
				new Violations().addAll(validation));
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
