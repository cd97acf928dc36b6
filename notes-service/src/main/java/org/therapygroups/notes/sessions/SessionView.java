package org.therapygroups.notes.sessions;

import java.time.Instant;

/**
 * One session occurrence as notes-service knows it.
 *
 * @param sessionId the session
 * @param groupId its group
 * @param startsAt when it starts (or started)
 * @param endsAt when it ends (or ended)
 * @param status {@code SCHEDULED}, {@code STARTED}, {@code CANCELLED} or
 * {@code COMPLETED}
 */
public record SessionView(String sessionId, String groupId, Instant startsAt, Instant endsAt, String status) {

}
