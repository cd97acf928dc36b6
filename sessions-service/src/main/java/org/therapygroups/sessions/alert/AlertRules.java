package org.therapygroups.sessions.alert;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.sessions.AlertRulesChanged;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.Violations;

/**
 * A program's engagement rules. A rule set to 0 is off.
 *
 * @param programId the program (document id)
 * @param consecutiveMissed raise after this many missed sessions in a row (default 2)
 * @param minAttendancePercent raise when attendance over the window falls below this
 * share (default 50)
 * @param windowWeeks the window of the attendance rule, in weeks (default 4)
 * @param silentDays raise when an active member attended nothing for this many days
 * (default 14)
 * @param updatedBy the director who last changed them, {@code null} for the defaults
 * @param updatedAt when
 * @param outbox the change's {@code AlertRulesChanged}, until the relay published it;
 * never shown
 */
@Document("alert_rules")
record AlertRules(@Id String programId, int consecutiveMissed, int minAttendancePercent, int windowWeeks,
		int silentDays, String updatedBy, Instant updatedAt, @JsonIgnore List<OutboxEntry> outbox) {

	@PersistenceCreator
	AlertRules {
		outbox = (outbox != null) ? List.copyOf(outbox) : List.of();
	}

	AlertRules(String programId, int consecutiveMissed, int minAttendancePercent, int windowWeeks, int silentDays,
			String updatedBy, Instant updatedAt) {
		this(programId, consecutiveMissed, minAttendancePercent, windowWeeks, silentDays, updatedBy, updatedAt,
				List.of());
	}

	/**
	 * These rules as changed by a director, with the event that reports the change.
	 * @param actorId the director
	 * @param now when
	 * @return the rules to store
	 */
	AlertRules changedBy(String actorId, Instant now) {
		AlertRulesChanged changed = new AlertRulesChanged(this.programId, this.consecutiveMissed,
				this.minAttendancePercent, this.windowWeeks, this.silentDays, actorId, now);
		return new AlertRules(this.programId, this.consecutiveMissed, this.minAttendancePercent, this.windowWeeks,
				this.silentDays, actorId, now, List.of(OutboxEntry.of(EventSources.SESSIONS_SERVICE, changed, now)));
	}

	/**
	 * At least this many recorded sessions in the window before the attendance rule
	 * speaks.
	 */
	static final int MIN_SESSIONS_IN_WINDOW = 3;

	static AlertRules defaults(String programId) {
		return new AlertRules(programId, 2, 50, 4, 14, null, null);
	}

	/**
	 * Checks edited rules.
	 * @throws ApiProblem 400 naming each field out of range
	 */
	AlertRules validated() {
		Violations violations = new Violations();
		if (this.consecutiveMissed < 0 || this.consecutiveMissed > 10) {
			violations.add("consecutiveMissed", "must be 0 (off) to 10");
		}
		if (this.minAttendancePercent < 0 || this.minAttendancePercent > 100) {
			violations.add("minAttendancePercent", "must be 0 (off) to 100");
		}
		if (this.windowWeeks < 1 || this.windowWeeks > 26) {
			violations.add("windowWeeks", "must be 1 to 26");
		}
		if (this.silentDays < 0 || this.silentDays > 180) {
			violations.add("silentDays", "must be 0 (off) to 180");
		}
		violations.throwIfAny();
		return this;
	}

}
