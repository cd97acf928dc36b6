package org.therapygroups.sessions.group;

/**
 * A therapist facilitating a group.
 *
 * @param therapistId the therapist's user id
 * @param role lead or co-facilitator
 */
public record FacilitatorAssignment(String therapistId, FacilitatorRole role) {
}
