package org.therapygroups.events.sessions;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * Someone followed an alert up. The short text that may come with the outcome
 * {@code OTHER} stays in sessions-service. Subject: the alert id; key: the group id.
 *
 * @param alertId the alert
 * @param groupId the group
 * @param patientId the member
 * @param rule the rule that raised it
 * @param outcome {@code REACHED}, {@code RESCHEDULED}, {@code DISCHARGED} or
 * {@code OTHER}
 * @param actorId who resolved it
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.ALERT_RESOLVED)
public record AlertResolved(String alertId, String groupId, String patientId, String rule, String outcome,
		String actorId, Instant occurredAt) implements GroupEvent {

	public AlertResolved {
		GroupEvent.requireText(alertId, "alertId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireText(outcome, "outcome");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.alertId;
	}

}
