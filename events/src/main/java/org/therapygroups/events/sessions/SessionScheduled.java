package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A session (one occurrence) was put on the calendar, expanded from the group's
 * recurrence or added as an extra one-off session. Subject: the session id; key: the
 * group id.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param startsAt start
 * @param endsAt end
 * @param extra whether it is a one-off session outside the recurrence
 * @param occurredAt when it was scheduled
 */
@EventType(EventTypes.Sessions.SESSION_SCHEDULED)
public record SessionScheduled(String sessionId, String groupId, Instant startsAt, Instant endsAt, boolean extra,
		Instant occurredAt) implements GroupEvent {

	public SessionScheduled {
		GroupEvent.requireText(sessionId, "sessionId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireValue(occurredAt, "occurredAt");
		GroupEvent.requireValue(startsAt, "startsAt");
		GroupEvent.requireValue(endsAt, "endsAt");
	}

	@Override
	public String aggregateId() {
		return this.sessionId;
	}

}
