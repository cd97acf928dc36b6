package org.therapygroups.events.sessions;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A member of a group matched an engagement rule of its program (missed sessions, low
 * attendance, no attendance for a while): once per episode of risk. Names the patient and
 * the rule only, never anything clinical. Subject: the alert id; key: the group id.
 *
 * @param alertId the alert
 * @param groupId the group
 * @param programId its program
 * @param patientId the member at risk
 * @param rule {@code CONSECUTIVE_MISSED}, {@code LOW_ATTENDANCE} or {@code NO_ATTENDANCE}
 * @param facilitatorIds the group's facilitators, who receive the alert
 * @param occurredAt when it was raised
 */
@EventType(EventTypes.Sessions.ALERT_RAISED)
public record AlertRaised(String alertId, String groupId, String programId, String patientId, String rule,
		List<String> facilitatorIds, Instant occurredAt) implements GroupEvent {

	public AlertRaised {
		GroupEvent.requireText(alertId, "alertId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireText(patientId, "patientId");
		GroupEvent.requireText(rule, "rule");
		GroupEvent.requireValue(occurredAt, "occurredAt");
		facilitatorIds = (facilitatorIds != null) ? List.copyOf(facilitatorIds) : List.of();
	}

	@Override
	public String aggregateId() {
		return this.alertId;
	}

}
