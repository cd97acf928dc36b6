package org.therapygroups.events.identity;

import java.time.Instant;

import org.therapygroups.events.EventPayload;

/**
 * What every identity event says about a user. Subject and partition key are the user id,
 * so one user's events stay in order.
 */
public interface IdentityEvent extends EventPayload {

	/**
	 * The Keycloak user id.
	 * @return the user id
	 */
	String userId();

	/**
	 * The user's realm role after the change, see {@link Roles}.
	 * @return the role name
	 */
	String role();

	/**
	 * The name shown to other users (e.g. "Dr. A. Meyer"); never an e-mail address.
	 * @return the display name
	 */
	String displayName();

	/**
	 * When the change happened.
	 * @return the instant
	 */
	Instant occurredAt();

	@Override
	default String aggregateId() {
		return userId();
	}

	/**
	 * Checks the fields every identity event must have.
	 * @param userId the user id
	 * @param role the role
	 * @param displayName the display name
	 * @param occurredAt the time
	 */
	static void validate(String userId, String role, String displayName, Instant occurredAt) {
		requireText(userId, "userId");
		requireText(role, "role");
		requireText(displayName, "displayName");
		if (occurredAt == null) {
			throw new IllegalArgumentException("occurredAt must not be null");
		}
		if (displayName.contains("@")) {
			throw new IllegalArgumentException("displayName must not be an e-mail address");
		}
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
