package org.therapygroups.platform.directory;

import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.therapygroups.events.identity.IdentityEvent;

import static org.therapygroups.platform.directory.DirectoryUser.ACTIVE;
import static org.therapygroups.platform.directory.DirectoryUser.COLLECTION;
import static org.therapygroups.platform.directory.DirectoryUser.DISPLAY_NAME;
import static org.therapygroups.platform.directory.DirectoryUser.LAST_EVENT_AT;
import static org.therapygroups.platform.directory.DirectoryUser.REGISTERED_AT;
import static org.therapygroups.platform.directory.DirectoryUser.ROLE;
import static org.therapygroups.platform.directory.DirectoryUser.UPDATED_AT;

/**
 * Writes identity events into {@code directory_users}.
 * <p>
 * Every event is ONE single-document upsert: atomic on its own, so no transaction is
 * needed (the default MongoDB here has none). The filter also guards ordering: it matches
 * only while the stored {@code lastEventAt} is not newer than the event, so a late, older
 * event (e.g. one redelivered after a dead-lettered gap was replayed) never overwrites
 * newer state. When the user exists with a newer {@code lastEventAt} the filter misses,
 * the upsert tries to insert a second document with the same {@code _id}, and the
 * duplicate-key error that follows means "stale, skip". An event with the same
 * {@code occurredAt} as the stored one is applied: times have millisecond precision, and
 * within one key Kafka delivers in publication order, so the later arrival is the later
 * change.
 * <p>
 * Every identity event carries the user's role and display name as they are after the
 * change, so each applied event sets both: whichever event is newest wins whole, and a
 * missing event (dead-lettered) is healed by the next one. Writing the same event twice
 * writes the same values again, so the handler is safe to re-run as
 * {@link org.therapygroups.events.idempotency.IdempotentConsumer} requires.
 */
class DirectoryProjection {

	private static final Logger log = LoggerFactory.getLogger(DirectoryProjection.class);

	private final MongoTemplate mongo;

	DirectoryProjection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * An account was created. auth-service publishes this when it creates an account, and
	 * such an account can be used, so it counts as active until an event says otherwise.
	 */
	boolean registered(IdentityEvent event) {
		return apply(event, true, true);
	}

	boolean activated(IdentityEvent event) {
		return apply(event, true, false);
	}

	boolean deactivated(IdentityEvent event) {
		return apply(event, false, false);
	}

	/** Role or profile changes leave {@code active} alone. */
	boolean changed(IdentityEvent event) {
		return apply(event, null, false);
	}

	/**
	 * Applies one event.
	 * @param event the payload
	 * @param active the new state, or {@code null} to keep it (a user first seen through
	 * such an event counts as active, like a registered one)
	 * @param registration whether the event is the registration
	 * @return {@code true} if written, {@code false} if skipped as older than the stored
	 * state
	 */
	private boolean apply(IdentityEvent event, Boolean active, boolean registration) {
		// MongoDB keeps milliseconds: compare at the precision that is stored
		Date occurredAt = Date.from(event.occurredAt().truncatedTo(ChronoUnit.MILLIS));
		Query notNewer = Query.query(Criteria.where("_id")
			.is(event.userId())
			.orOperator(Criteria.where(LAST_EVENT_AT).lte(occurredAt), Criteria.where(LAST_EVENT_AT).exists(false)));
		Update update = new Update().set(ROLE, event.role())
			.set(DISPLAY_NAME, event.displayName())
			.set(LAST_EVENT_AT, occurredAt)
			.set(UPDATED_AT, new Date());
		if (active != null) {
			update.set(ACTIVE, active);
		}
		else {
			update.setOnInsert(ACTIVE, true);
		}
		if (registration) {
			update.set(REGISTERED_AT, occurredAt);
		}
		try {
			this.mongo.upsert(notNewer, update, COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			log.debug("Skipped {} for user {}: the directory holds a newer state", event.getClass().getSimpleName(),
					event.userId());
			return false;
		}
	}

}
