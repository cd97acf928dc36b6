package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * One occurrence moved (RECURRENCE-ID semantics: the original start identifies it).
 * Subject: the session id; key: the group id.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param originalStartsAt the start the recurrence gave it
 * @param startsAt the new start
 * @param endsAt the new end
 * @param actorId who moved it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.SESSION_RESCHEDULED)
public record SessionRescheduled(String sessionId, String groupId, Instant originalStartsAt, Instant startsAt,
		Instant endsAt, String actorId, Instant occurredAt) implements GroupEvent {

	public SessionRescheduled {
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
