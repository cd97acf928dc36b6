package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A membership episode ended, or was put on hold or resumed. Subject: the membership
 * episode id; key: the group id.
 *
 * @param episodeId the membership episode
 * @param groupId the group
 * @param patientId the patient
 * @param status the episode's status now: {@code LEFT}, {@code DISCHARGED},
 * {@code ON_HOLD} or {@code ACTIVE} (resumed from hold)
 * @param actorId who acted (the patient themselves when they enrolled)
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.MEMBERSHIP_LEFT)
public record MembershipLeft(String episodeId, String groupId, String patientId, String status, String actorId,
		Instant occurredAt) implements GroupEvent {

	public MembershipLeft {
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
