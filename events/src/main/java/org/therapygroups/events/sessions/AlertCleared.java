package org.therapygroups.events.sessions;

import java.time.Instant;

import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * An open alert cleared itself: the member attended again, which ends the episode of
 * risk. Subject: the alert id; key: the group id.
 *
 * @param alertId the alert
 * @param groupId the group
 * @param patientId the member
 * @param rule the rule that raised it
 * @param sessionId the session the member attended
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.ALERT_CLEARED)
public record AlertCleared(String alertId, String groupId, String patientId, String rule, String sessionId,
		Instant occurredAt) implements GroupEvent {

	public AlertCleared {
		GroupEvent.requireText(alertId, "alertId");
		GroupEvent.requireText(groupId, "groupId");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.alertId;
	}

}
