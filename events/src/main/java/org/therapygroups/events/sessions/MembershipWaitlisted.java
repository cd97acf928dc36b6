package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A patient was put on a full group's waitlist. Subject: the membership episode id; key:
 * the group id.
 *
 * @param episodeId the membership episode
 * @param groupId the group
 * @param patientId the patient
 * @param position their place in line, 1 = next
 * @param actorId who acted (the patient themselves when they enrolled)
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.MEMBERSHIP_WAITLISTED)
public record MembershipWaitlisted(String episodeId, String groupId, String patientId, int position, String actorId,
		Instant occurredAt) implements GroupEvent {

	public MembershipWaitlisted {
		GroupEvent.requireText(episodeId, "episodeId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireText(patientId, "patientId");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.episodeId;
	}

}
