package org.therapygroups.sessions.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.events.identity.Roles;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

/** Creates, replaces, revokes and resolves the users' secret calendar-feed URLs. */
@Component
class CalendarFeeds {

	private final MongoTemplate mongo;

	private final Directory directory;

	private final Clock clock;

	CalendarFeeds(MongoTemplate mongo, Directory directory, Clock clock) {
		this.mongo = mongo;
		this.directory = directory;
		this.clock = clock;
		mongo.indexOps(CalendarFeed.class)
			.createIndex(new Index().on("tokenHash", org.springframework.data.domain.Sort.Direction.ASC).unique());
	}

	/** A new feed secret; the token leaves the service once, in the URL of the answer. */
	record Created(String token, Instant createdAt) {
	}

	/**
	 * Creates the caller's feed, or replaces it: the previous URL stops working with this
	 * single write.
	 * @param actor a therapist or patient
	 * @return the new token and its creation time
	 */
	Created create(Actor actor) {
		requireFeedRole(actor);
		String token = FeedTokens.newToken();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.mongo.save(new CalendarFeed(actor.id(), FeedTokens.hash(token), actor.role(), now, null));
		return new Created(token, now);
	}

	/** Revokes the caller's feed; nothing happens if there is none or it is revoked. */
	void revoke(Actor actor) {
		requireFeedRole(actor);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(actor.id()).and("revokedAt").is(null)),
				Update.update("revokedAt", this.clock.instant().truncatedTo(ChronoUnit.MILLIS)), CalendarFeed.class);
	}

	/** The caller's working feed, if any. */
	Optional<CalendarFeed> activeOf(Actor actor) {
		requireFeedRole(actor);
		return Optional.ofNullable(this.mongo.findById(actor.id(), CalendarFeed.class)).filter(CalendarFeed::isActive);
	}

	/**
	 * The working feed of a URL token. Unknown, revoked and replaced tokens all take the
	 * same path (one indexed lookup by hash), and so does the feed of a user the
	 * directory knows to be deactivated or to have another role now.
	 * @param token the token from the URL
	 * @return the feed, or empty
	 */
	Optional<CalendarFeed> resolve(String token) {
		String hash = FeedTokens.hash(token);
		CalendarFeed feed = this.mongo
			.findOne(Query.query(Criteria.where("tokenHash").is(hash).and("revokedAt").is(null)), CalendarFeed.class);
		if (feed == null || !feed.isActive() || !stillAllowed(feed)) {
			return Optional.empty();
		}
		return Optional.of(feed);
	}

	/**
	 * The directory is eventually consistent: a user it does not know yet keeps the feed;
	 * one it knows as deactivated, or now in another role, does not.
	 */
	private boolean stillAllowed(CalendarFeed feed) {
		String role = (feed.role() == Actor.Role.THERAPIST) ? Roles.THERAPIST : Roles.PATIENT;
		return this.directory.find(feed.userId()).map((user) -> user.isActive(role)).orElse(true);
	}

	static void requireFeedRole(Actor actor) {
		if (actor.is(Actor.Role.DIRECTOR)) {
			throw ApiProblem.forbidden("Calendar feeds are for therapists and patients; directors use the dashboards.");
		}
	}

}
