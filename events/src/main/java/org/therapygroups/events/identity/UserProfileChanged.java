package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A user's directory data changed; {@code displayName} is the new display name.
 *
 * @param userId the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_PROFILE_CHANGED)
public record UserProfileChanged(String userId, String role, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserProfileChanged {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
	}

}
