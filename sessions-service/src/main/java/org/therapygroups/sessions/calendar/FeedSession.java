package org.therapygroups.sessions.calendar;

import java.time.Instant;

import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.SessionStatus;

/**
 * What a calendar feed needs of a session: its times, whether it is an extra one-off and
 * whether it was cancelled. Nothing else of the session (attendance, reasons, who did
 * what) reaches a feed.
 *
 * @param id the session id
 * @param groupId its group
 * @param originalStartsAt the start the recurrence gave it (RECURRENCE-ID), {@code null}
 * for an extra session
 * @param startsAt its current start
 * @param endsAt its current end
 * @param extra whether it is a one-off outside the recurrence
 * @param cancelled whether it was cancelled
 */
record FeedSession(String id, String groupId, Instant originalStartsAt, Instant startsAt, Instant endsAt, boolean extra,
		boolean cancelled) {

	static FeedSession of(Session session) {
		return new FeedSession(session.getId(), session.getGroupId(), session.getOriginalStartsAt(),
				session.getStartsAt(), session.getEndsAt(), session.isExtra() || session.getOriginalStartsAt() == null,
				session.getStatus() == SessionStatus.CANCELLED);
	}

	/** An occurrence of the recurrence (not an extra session). */
	boolean isOccurrence() {
		return !this.extra && this.originalStartsAt != null;
	}

}
