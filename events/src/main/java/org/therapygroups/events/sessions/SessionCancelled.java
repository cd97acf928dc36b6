package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * One session will not take place (the reason stays in sessions-service). Subject: the
 * session id; key: the group id.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param startsAt when it would have started
 * @param actorId who cancelled it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.SESSION_CANCELLED)
public record SessionCancelled(String sessionId, String groupId, Instant startsAt, String actorId,
		Instant occurredAt) implements GroupEvent {

	public SessionCancelled {
		GroupEvent.requireText(sessionId, "sessionId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireValue(occurredAt, "occurredAt");

	}

	@Override
	public String aggregateId() {
		return this.sessionId;
	}

}
