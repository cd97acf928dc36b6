package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A deactivated account was activated again.
 *
 * @param userId the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_REACTIVATED)
public record UserReactivated(String userId, String role, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserReactivated {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
	}

}
