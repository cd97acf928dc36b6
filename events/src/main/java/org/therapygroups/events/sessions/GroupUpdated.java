package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A group was updated by a director or one of its facilitators. Subject and key: the
 * group id.
 *
 * @param groupId the group
 * @param definition what the group is now
 * @param actorId who made the change
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.GROUP_UPDATED)
public record GroupUpdated(String groupId, GroupDefinition definition, String actorId,
		Instant occurredAt) implements GroupEvent {

	public GroupUpdated {
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireValue(definition, "definition");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.groupId;
	}

}
