/**
 * Session, group, membership and attendance events, published by sessions-service on
 * {@link org.therapygroups.events.Topics#SESSIONS}. The partition key of all of them is
 * the group id, so one group's events stay in order in one partition.
 * <p>
 * Only {@link org.therapygroups.events.sessions.SessionCompleted} has a payload record so
 * far; the other types are listed in {@link org.therapygroups.events.EventTypes.Sessions}
 * and get their records when sessions-service settles their content. Nothing clinical
 * goes into these payloads: ids, times, statuses only.
 */
package org.therapygroups.events.sessions;
