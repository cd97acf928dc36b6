package org.therapygroups.auth.invitation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Service;

import org.therapygroups.auth.account.Onboarding;

/**
 * A therapist or director invites a patient. The patient's Keycloak user stays disabled
 * until the patient accepts the invitation with a password of their own.
 */
@Service
class PatientInvitation {

	private final Onboarding onboarding;

	PatientInvitation(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	/**
	 * @param email optional for patients
	 * @param invitedBy the clinician's user id
	 * @return the account and its one-time code, shown to the clinician once
	 */
	Onboarding.Onboarded invite(String firstName, String lastName, String email, String invitedBy) {
		String normalizedEmail = (email == null || email.isBlank()) ? null : email.strip().toLowerCase(Locale.ROOT);
		return this.onboarding.onboard(new Onboarding.Applicant(username(firstName, lastName), normalizedEmail,
				firstName, lastName, "patient", null, null, invitedBy, false, List.of()));
	}

	/**
	 * Patients get a generated username (shown with the invitation): an e-mail address is
	 * optional for them, and a name alone is not unique.
	 */
	static String username(String firstName, String lastName) {
		String base = Normalizer.normalize(firstName + "." + lastName, Normalizer.Form.NFD)
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

}
