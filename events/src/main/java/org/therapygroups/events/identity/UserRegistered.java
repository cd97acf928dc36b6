package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * An account was created (by a director, or a patient by invitation); it may not be
 * active yet.
 *
 * @param userId the Keycloak user id
 * @param role the realm role, see {@link Roles}
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_REGISTERED)
public record UserRegistered(String userId, String role, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserRegistered {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
	}

}
