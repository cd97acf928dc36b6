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

	/**
	 * This booking as held by a session that ended at {@code end}.
	 * @param end when the session ended
	 * @return the booking up to that end, itself if it ends by then anyway, or
	 * {@code null} if none of it is needed
	 */
	Booking endingBy(Instant end) {
		if (!this.endsAt.isAfter(end)) {
			return this;
		}
		return this.startsAt.isBefore(end) ? new Booking(this.sessionId, this.groupId, this.startsAt, end) : null;
	}

	boolean overlaps(Booking other) {
		return this.startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(this.endsAt);
	}

}
