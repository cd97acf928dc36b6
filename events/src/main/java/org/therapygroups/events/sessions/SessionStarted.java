package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A facilitator started the session. Subject: the session id; key: the group id.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param actorId who started it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.SESSION_STARTED)
public record SessionStarted(String sessionId, String groupId, String actorId,
		Instant occurredAt) implements GroupEvent {

	public SessionStarted {
		GroupEvent.requireText(sessionId, "sessionId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireValue(occurredAt, "occurredAt");

	}

	@Override
	public String aggregateId() {
		return this.sessionId;
	}

}
