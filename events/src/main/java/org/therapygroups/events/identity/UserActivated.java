package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * An account became usable (invitation accepted, e-mail verified or activated by a
 * director).
 *
 * @param userId the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_ACTIVATED)
public record UserActivated(String userId, String role, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserActivated {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
	}

}
