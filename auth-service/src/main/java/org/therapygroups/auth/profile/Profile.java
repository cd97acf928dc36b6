package org.therapygroups.auth.profile;

/**
 * The profile package's view of an account document: the caller's display name and
 * contact preferences.
 */
record Profile(String id, String role, String displayName, ContactPreferences contactPreferences) {

	/** With the default preferences if none were ever set. */
	Profile withDefaults() {
		return (this.contactPreferences != null) ? this
				: new Profile(this.id, this.role, this.displayName, ContactPreferences.DEFAULT);
	}

}
