package org.therapygroups.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The intent to create an account, written before Keycloak is asked and removed once the
 * account document exists or the Keycloak user was deleted again. An entry that outlives
 * its request tells {@link HalfMadeAccounts} where a crash may have left a Keycloak user
 * without an account. Holds the username only: no e-mail, no code.
 */
@Component
class PendingCreations {

	private final MongoTemplate mongo;

	private final String instance;

	PendingCreations(MongoTemplate mongo, @Value("${therapy.accounts.instance-id}") String instance) {
		this.mongo = mongo;
		this.instance = instance;
	}

	PendingCreation record(String username, Instant now) {
		return this.mongo.insert(new PendingCreation(UUID.randomUUID().toString(), username, this.instance, now));
	}

	void done(PendingCreation pending) {
		this.mongo.remove(new Query(Criteria.where("_id").is(pending.id())), PendingCreation.class);
	}

	/** After a failure: an entry left behind is cleared by the next sweep. */
	void doneQuietly(PendingCreation pending) {
		try {
			done(pending);
		}
		catch (RuntimeException ex) {
			// the database away: the sweep finds nothing to undo and removes the entry
		}
	}

	/**
	 * Whether an account of this username is being created, or a crash left its creation
	 * for {@link HalfMadeAccounts} to finish: its Keycloak user may not have its account
	 * document yet, and is nobody else's to adopt.
	 * @param username the Keycloak username (Keycloak keeps usernames in lower case, as
	 * the creations record them)
	 */
	boolean inProgress(String username) {
		return this.mongo.exists(new Query(Criteria.where("username").is(username.toLowerCase(Locale.ROOT))),
				PendingCreation.class);
	}

	/**
	 * Entries whose requests have ended, one way or another: those older than
	 * {@code before}, and those this instance recorded in an earlier life (before
	 * {@code thisLifeBegan}), which a crash cut short.
	 */
	List<PendingCreation> over(Instant before, Instant thisLifeBegan) {
		return this.mongo.find(
				new Query(new Criteria().orOperator(Criteria.where("startedAt").lt(before),
						Criteria.where("instance").is(this.instance).and("startedAt").lt(thisLifeBegan))),
				PendingCreation.class);
	}

	@Document("pending_account_creations")
	record PendingCreation(@Id String id, String username, String instance, Instant startedAt) {

	}

}
