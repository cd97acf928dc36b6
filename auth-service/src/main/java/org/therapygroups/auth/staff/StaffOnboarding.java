package org.therapygroups.auth.staff;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.Violations;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;

/**
 * A director creates a therapist or director account. The staff member signs in with
 * their e-mail address and sets their own password with the one-time invitation code (or
 * Keycloak's UPDATE_PASSWORD action where mail is configured); no password is ever chosen
 * or returned here.
 */
@Service
class StaffOnboarding {

	private final Onboarding onboarding;

	private final KeycloakUsers keycloak;

	StaffOnboarding(Onboarding onboarding, KeycloakUsers keycloak) {
		this.onboarding = onboarding;
		this.keycloak = keycloak;
	}

	/**
	 * @throws ApiProblem 400 for a missing licence or a supervisor who is not a
	 * clinician, 409 for a taken e-mail address
	 */
	Onboarding.Onboarded onboard(NewStaff staff) {
		return onboard(staff, new Violations());
	}

	/**
	 * @param staff the new staff member
	 * @param violations what the request's own constraints found, answered together with
	 * the checks made here
	 * @throws ApiProblem 400 for any invalid field, 409 for a taken e-mail address
	 */
	Onboarding.Onboarded onboard(NewStaff staff, Violations violations) {
		checkLicence(staff, violations);
		checkSupervisor(staff.supervisorId(), violations);
		violations.throwIfAny();
		Account.Licence licence = isBlank(staff.licenceNumber()) ? null
				: new Account.Licence(staff.licenceType().strip(), staff.licenceNumber().strip());
		String email = staff.email().strip().toLowerCase(Locale.ROOT);
		// staff sign in with their e-mail address; it is their username as well
		return this.onboarding.onboard(new Onboarding.Applicant(email, email, staff.firstName(), staff.lastName(),
				staff.role(), licence, staff.supervisorId(), staff.createdBy(), true, List.of("UPDATE_PASSWORD")));
	}

	/** Therapists must be licensed; a director's licence is optional. */
	private static void checkLicence(NewStaff staff, Violations violations) {
		boolean therapist = "therapist".equals(staff.role());
		if (therapist && isBlank(staff.licenceType())) {
			violations.add("licenceType", "is required for therapists");
		}
		if (therapist && isBlank(staff.licenceNumber())) {
			violations.add("licenceNumber", "is required for therapists");
		}
		if (!therapist && isBlank(staff.licenceType()) != isBlank(staff.licenceNumber())) {
			violations.add("licenceNumber", "licence type and number go together");
		}
	}

	private void checkSupervisor(String supervisorId, Violations violations) {
		if (supervisorId == null) {
			return;
		}
		try {
			UUID.fromString(supervisorId);
		}
		catch (IllegalArgumentException ex) {
			violations.add("supervisorId", "is not a user id");
			return;
		}
		boolean supervises = this.keycloak.realmRoles(supervisorId)
			.map((roles) -> roles.stream().anyMatch(Account.STAFF_ROLES::contains))
			.orElse(false);
		if (!supervises) {
			violations.add("supervisorId", "must be an existing therapist or director");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * @param role therapist or director
	 * @param licenceType required for therapists; for directors together with the number
	 * @param supervisorId the supervising therapist or director, if any
	 * @param createdBy the director's user id
	 */
	record NewStaff(String firstName, String lastName, String email, String role, String licenceType,
			String licenceNumber, String supervisorId, String createdBy) {

	}

}
