package org.therapygroups.auth.staff;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** Licences and supervisors are checked before anything is created. */
class StaffOnboardingTests {

	private static final String SUPERVISOR = "9b2f6c1e-0000-4000-8000-000000000001";

	private final Onboarding onboarding = mock(Onboarding.class);

	private final KeycloakUsers keycloak = mock(KeycloakUsers.class);

	private final StaffOnboarding staffOnboarding = new StaffOnboarding(this.onboarding, this.keycloak);

	@Test
	void aDirectorWithALicenceSupervisedByATherapistSignsInWithTheNormalizedEmail() {
		given(this.keycloak.realmRoles(SUPERVISOR)).willReturn(Optional.of(Set.of("therapist", "offline_access")));

		this.staffOnboarding.onboard(director(" Dora@Example.ORG ", " MD ", " M-7 ", SUPERVISOR));

		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue().username()).isEqualTo("dora@example.org");
		assertThat(applicant.getValue().email()).isEqualTo("dora@example.org");
		assertThat(applicant.getValue().licence()).isEqualTo(new Account.Licence("MD", "M-7"));
		assertThat(applicant.getValue().supervisorId()).isEqualTo(SUPERVISOR);
	}

	@Test
	void aDirectorNeedsNoLicenceButNotHalfOfOne() {
		this.staffOnboarding.onboard(director("dora@example.org", null, " ", null));
		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue().licence()).isNull();

		assertFieldError(director("dora@example.org", "MD", null, null), "licenceNumber",
				"licence type and number go together");
	}

	@Test
	void aSupervisorIsAUserIdOfATherapistOrDirector() {
		assertFieldError(director("dora@example.org", null, null, "not-a-uuid"), "supervisorId", "is not a user id");
		given(this.keycloak.realmRoles(SUPERVISOR)).willReturn(Optional.of(Set.of("patient")));
		assertFieldError(director("dora@example.org", null, null, SUPERVISOR), "supervisorId",
				"must be an existing therapist or director");
		verifyNoInteractions(this.onboarding);
	}

	private void assertFieldError(StaffOnboarding.NewStaff staff, String field, String message) {
		assertThatThrownBy(() -> this.staffOnboarding.onboard(staff)).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.errors()).containsExactly(new FieldError(field, message)));
	}

	private static StaffOnboarding.NewStaff director(String email, String licenceType, String licenceNumber,
			String supervisorId) {
		return new StaffOnboarding.NewStaff("Dora", "Director", email, "director", licenceType, licenceNumber,
				supervisorId, "director-1");
	}

}
