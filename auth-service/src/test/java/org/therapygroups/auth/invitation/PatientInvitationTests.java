package org.therapygroups.auth.invitation;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.therapygroups.auth.account.Onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Patients get a generated username; an e-mail address is optional. */
class PatientInvitationTests {

	private final Onboarding onboarding = mock(Onboarding.class);

	private final PatientInvitation invitation = new PatientInvitation(this.onboarding);

	@Test
	void aDisabledPatientWithTheNormalizedEmailIsOnboardedForTheClinician() {
		this.invitation.invite("Pía", "Patient", " Pia@Example.ORG ", "t-1");

		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue())
			.extracting(Onboarding.Applicant::email, Onboarding.Applicant::role, Onboarding.Applicant::createdBy,
					Onboarding.Applicant::enabled)
			.containsExactly("pia@example.org", "patient", "t-1", false);
		assertThat(applicant.getValue().requiredActions()).isEmpty();
	}

	@Test
	void aBlankEmailIsNone() {
		this.invitation.invite("Pia", "Patient", "  ", "t-1");

		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue().email()).isNull();
	}

	@Test
	void usernamesAreAsciiNamesWithSixRandomDigits() {
		assertThat(PatientInvitation.username("Zoë", "O'Brien-Łukasz")).matches("zoe\\.obrienukasz\\.\\d{6}");
		assertThat(PatientInvitation.username("李", "王")).matches("patient\\.\\d{6}");
		assertThat(PatientInvitation.username("Maximiliana-Theodora", "Vandersteenhoven"))
			.matches("maximilianatheodora\\.vanderstee\\.\\d{6}");
	}

}
