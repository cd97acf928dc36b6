package org.therapygroups.events.sessions;

import java.time.Instant;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventType;
import org.therapygroups.events.EventTypes;

/**
 * A director changed the engagement rules of a program; a rule at 0 is off. Subject and
 * key: the program id, so one program's rule changes stay in order.
 *
 * @param programId the program
 * @param consecutiveMissed raise after this many missed sessions in a row
 * @param minAttendancePercent raise when attendance over the window falls below this
 * share
 * @param windowWeeks the window of the attendance rule, in weeks
 * @param silentDays raise when an active member attended nothing for this many days
 * @param actorId the director
 * @param occurredAt when
 */
@EventType(EventTypes.Sessions.ALERT_RULES_CHANGED)
public record AlertRulesChanged(String programId, int consecutiveMissed, int minAttendancePercent, int windowWeeks,
		int silentDays, String actorId, Instant occurredAt) implements EventPayload {

	public AlertRulesChanged {
		GroupEvent.requireText(programId, "programId");
		GroupEvent.requireText(actorId, "actorId");
		GroupEvent.requireValue(occurredAt, "occurredAt");
	}

	@Override
	public String aggregateId() {
		return this.programId;
	}

}
