package org.therapygroups.events.sessions;

/**
 * A therapist facilitating a group.
 *
 * @param therapistId the therapist's user id
 * @param role {@code LEAD} or {@code CO_FACILITATOR}
 */
public record Facilitator(String therapistId, String role) {

	public Facilitator {
		GroupEvent.requireText(therapistId, "therapistId");
		GroupEvent.requireText(role, "role");
	}

}
