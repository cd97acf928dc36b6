package org.therapygroups.sessions.calendar;

import java.time.Instant;

import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.Modality;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.SessionStatus;

/**
 * One session on a user's own schedule: when, where and what group; nothing about other
 * members or the session's content.
 */
record ScheduleItem(String sessionId, String groupId, String groupName, Modality modality, Instant startsAt,
		Instant endsAt, SessionStatus status, Location location, boolean rescheduled, boolean extra) {

	static ScheduleItem of(Group group, Session session) {
		return new ScheduleItem(session.getId(), group.getId(), group.getName(), group.getModality(),
				session.getStartsAt(), session.getEndsAt(), session.getStatus(), group.getLocation(),
				session.isRescheduled(), session.isExtra());
	}

}
