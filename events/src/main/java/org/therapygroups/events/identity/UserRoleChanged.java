package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A user's realm role changed.
 *
 * @param userId the Keycloak user id
 * @param role the new realm role, see {@link Roles}
 * @param previousRole the role before the change
 * @param displayName the name shown to others (never an e-mail address)
 * @param occurredAt when it happened
 */
@EventType(EventTypes.Identity.USER_ROLE_CHANGED)
public record UserRoleChanged(String userId, String role, String previousRole, String displayName,
		Instant occurredAt) implements IdentityEvent {

	public UserRoleChanged {
		IdentityEvent.validate(userId, role, displayName, occurredAt);
		if (previousRole == null || previousRole.isBlank()) {
			throw new IllegalArgumentException("previousRole must not be blank");
		}
	}

}
