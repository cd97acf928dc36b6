package org.therapygroups.sessions.booking;

import java.time.Instant;

/**
 * A session holding a resource for a time.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param startsAt start
 * @param endsAt end
 */
public record Booking(String sessionId, String groupId, Instant startsAt, Instant endsAt) {

	boolean overlaps(Booking other) {
		return this.startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(this.endsAt);
	}

}
