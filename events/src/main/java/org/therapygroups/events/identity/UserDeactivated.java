package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * An account was deactivated: the user can no longer sign in. Consumers keep history but
 * stop offering the user (e.g. as facilitator).
 *
 * @param userId the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_DEACTIVATED)
public record UserDeactivated(String userId, String role, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserDeactivated {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
	}

}
