package org.therapygroups.events.sessions;

import java.time.Instant;

import org.therapygroups.events.EventPayload;

/**
 * What every sessions-service event shares: the group it concerns is the partition key,
 * so one group's events stay in order.
 */
public interface GroupEvent extends EventPayload {

	/**
	 * The group the event concerns.
	 * @return the group id
	 */
	String groupId();

	/**
	 * When it happened.
	 * @return the time of the change
	 */
	Instant occurredAt();

	@Override
	default String partitionKey() {
		return groupId();
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	static void requireValue(Object value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
	}

}
