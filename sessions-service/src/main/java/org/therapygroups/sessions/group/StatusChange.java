package org.therapygroups.sessions.group;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step in a membership episode's history.
 *
 * @param status the status from then on
 * @param at when
 * @param actorId who made the change (the patient, a facilitator, a director, or
 * {@code system} for an automatic promotion)
 * @param reason why, if given
 * @param recordedAt when the change was recorded, if that was later than {@code at}: a
 * member recorded with the date they joined before the group was kept here
 */
public record StatusChange(MembershipStatus status, Instant at, String actorId, String reason,
		@JsonInclude(JsonInclude.Include.NON_NULL) Instant recordedAt) {
}
