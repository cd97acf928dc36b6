package org.therapygroups.sessions.dashboard;

/**
 * A member's attendance or membership changed in the read model; the engagement rules
 * look at it. Published in the consumer's thread, so a listener's failure makes the event
 * be retried.
 *
 * @param before the member before the change, {@code null} if first seen
 * @param after the member now
 * @param sessionId the session whose attendance changed, {@code null} for a membership
 * change
 */
public record MemberChanged(MemberModel before, MemberModel after, String sessionId) {
}
