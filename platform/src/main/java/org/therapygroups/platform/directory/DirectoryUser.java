package org.therapygroups.platform.directory;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.events.identity.Roles;

/**
 * This service's copy of a user's directory entry, built from identity events only. It
 * holds what scheduling and notes need to show and check a user, nothing more: no e-mail
 * address and nothing clinical. The display name is still personal data: never log it.
 *
 * @param id the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to other users
 * @param active whether the account may be used (offered as facilitator, enrolled, ...)
 * @param registeredAt when the account was created; {@code null} if its registration
 * event was never applied (e.g. it was dead-lettered)
 * @param updatedAt when this entry was last written
 * @param lastEventAt the {@code occurredAt} of the last applied identity event, the
 * ordering guard of every update
 */
@Document(DirectoryUser.COLLECTION)
public record DirectoryUser(@Id String id, String role, String displayName, boolean active, Instant registeredAt,
		Instant updatedAt, Instant lastEventAt) {

	static final String COLLECTION = "directory_users";

	static final String ROLE = "role";

	static final String DISPLAY_NAME = "displayName";

	static final String ACTIVE = "active";

	static final String REGISTERED_AT = "registeredAt";

	static final String UPDATED_AT = "updatedAt";

	static final String LAST_EVENT_AT = "lastEventAt";

	/**
	 * Whether the user is active and has the given role.
	 * @param role a realm role, see {@link Roles}
	 * @return {@code true} if so
	 */
	public boolean isActive(String role) {
		return this.active && role.equals(this.role);
	}

	@Override
	public String toString() {
		// records print every component; keep the display name out of logs and messages
		return "DirectoryUser[id=" + this.id + ", role=" + this.role + ", active=" + this.active + ", lastEventAt="
				+ this.lastEventAt + "]";
	}

}
