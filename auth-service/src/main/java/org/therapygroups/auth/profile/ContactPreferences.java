package org.therapygroups.auth.profile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * @param channel how reminders reach the user
 * @param sessionReminders whether to remind of upcoming sessions
 */
record ContactPreferences(
		@NotNull @Pattern(regexp = "email|sms|none", message = "must be email, sms or none") String channel,
		boolean sessionReminders) {

	static final ContactPreferences DEFAULT = new ContactPreferences("email", true);

}
