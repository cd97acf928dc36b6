package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A patient became an active member of a group (a new episode). Subject: the membership
 * episode id; key: the group id.
 *
 * @param episodeId the membership episode
 * @param groupId the group
 * @param patientId the patient
 * @param actorId who acted (the patient themselves when they enrolled)
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.MEMBERSHIP_JOINED)
public record MembershipJoined(String episodeId, String groupId, String patientId, String actorId,
		Instant occurredAt) implements GroupEvent {

	public MembershipJoined {
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
