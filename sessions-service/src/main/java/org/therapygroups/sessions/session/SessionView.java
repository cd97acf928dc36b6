package org.therapygroups.sessions.session;

import java.time.Instant;

/**
 * A session as the API shows it. Staff see why it was cancelled or moved; patients see
 * times and status only.
 */
public record SessionView(String id, String groupId, String programId, Instant startsAt, Instant endsAt,
		Instant originalStartsAt, boolean extra, boolean rescheduled, SessionStatus status, String cancelReason,
		String rescheduleReason, Instant startedAt, Instant completedAt) {

	public static SessionView forStaff(Session s) {
		return new SessionView(s.getId(), s.getGroupId(), s.getProgramId(), s.getStartsAt(), s.getEndsAt(),
				s.getOriginalStartsAt(), s.isExtra(), s.isRescheduled(), s.getStatus(), s.getCancelReason(),
				s.getRescheduleReason(), s.getStartedAt(), s.getCompletedAt());
	}

	public static SessionView forPatient(Session s) {
		return new SessionView(s.getId(), s.getGroupId(), s.getProgramId(), s.getStartsAt(), s.getEndsAt(),
				s.getOriginalStartsAt(), s.isExtra(), s.isRescheduled(), s.getStatus(), null, null, null, null);
	}

}
