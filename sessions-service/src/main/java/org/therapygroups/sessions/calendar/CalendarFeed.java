package org.therapygroups.sessions.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.platform.security.Actor;

/**
 * A user's calendar feed: one document per user (so there is never more than one active
 * feed, and replacing it is one atomic write), holding the SHA-256 of the URL's secret,
 * never the secret itself. The hash is uniquely indexed by {@link CalendarFeeds}.
 *
 * @param userId the owner (the document id)
 * @param tokenHash hex SHA-256 of the URL token
 * @param role the role the feed was made for: which groups it shows
 * @param createdAt when the current token was made
 * @param revokedAt when the owner revoked it, {@code null} while it works
 */
@Document(CalendarFeed.COLLECTION)
record CalendarFeed(@Id String userId, String tokenHash, Actor.Role role, Instant createdAt, Instant revokedAt) {

	static final String COLLECTION = "calendar_feeds";

	boolean isActive() {
		return this.revokedAt == null;
	}

}
