package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A seat freed and the first patient on the waitlist became an active member. Subject:
 * the membership episode id; key: the group id.
 *
 * @param episodeId the membership episode
 * @param groupId the group
 * @param patientId the patient
 * @param actorId who acted (the patient themselves when they enrolled)
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.MEMBERSHIP_PROMOTED)
public record MembershipPromoted(String episodeId, String groupId, String patientId, String actorId,
		Instant occurredAt) implements GroupEvent {

	public MembershipPromoted {
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
