/**
 * Session, group, membership and attendance events, published by sessions-service on
 * {@link org.therapygroups.events.Topics#SESSIONS}. The partition key of all of them is
 * the group id, so one group's events stay in order in one partition.
 * <p>
 * Every type in {@link org.therapygroups.events.EventTypes.Sessions} has its record here.
 * Nothing clinical goes into these payloads: ids, times, statuses only.
 */
package org.therapygroups.events.sessions;
