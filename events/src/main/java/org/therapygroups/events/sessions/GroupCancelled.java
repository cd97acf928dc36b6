package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A group was finished or cancelled: it has no sessions after {@code effectiveFrom}, the
 * past is kept. Subject and key: the group id.
 *
 * @param groupId the group
 * @param programId its program
 * @param outcome {@code FINISHED} or {@code CANCELLED}
 * @param effectiveFrom from when no session takes place
 * @param actorId who ended it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.GROUP_CANCELLED)
public record GroupCancelled(String groupId, String programId, String outcome, Instant effectiveFrom, String actorId,
		Instant occurredAt) implements GroupEvent {

	public GroupCancelled {
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireText(outcome, "outcome");
		GroupEvent.requireValue(effectiveFrom, "effectiveFrom");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.groupId;
	}

}
