package org.therapygroups.sessions.group;

import java.time.Instant;

/**
 * One step in a membership episode's history.
 *
 * @param status the status from then on
 * @param at when
 * @param actorId who made the change (the patient, a facilitator, a director, or
 * {@code system} for an automatic promotion)
 * @param reason why, if given
 */
public record StatusChange(MembershipStatus status, Instant at, String actorId, String reason) {
}
