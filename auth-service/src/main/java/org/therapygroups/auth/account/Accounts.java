package org.therapygroups.auth.account;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.platform.outbox.OutboxRelay;

/**
 * The {@code accounts} collection. Every change and the event that reports it are one
 * single-document write ({@code $set} + {@code $push outbox}): no transactions needed,
 * none available on the MongoDB default.
 */
@Component
public class Accounts {

	private final MongoTemplate mongo;

	private final OutboxRelay relay;

	private volatile boolean indexed;

	Accounts(MongoTemplate mongo, OutboxRelay relay) {
		this.mongo = mongo;
		this.relay = relay;
	}

	/** The new document already carries its first event in its outbox. */
	public void insert(Account account) {
		ensureIndexes();
		this.mongo.insert(account);
		this.relay.written(Account.COLLECTION, account.id());
	}

	public Optional<Account> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Account.class));
	}

	public boolean exists(String id) {
		return this.mongo.exists(new Query(Criteria.where("_id").is(id)), Account.class);
	}

	/** A page of accounts, by display name; the outbox and invitation stay inside. */
	public Page<Account> page(Criteria filter, int page, int size) {
		Query query = new Query(filter);
		long total = this.mongo.count(query, Account.class);
		query.with(Sort.by("displayName", "_id")).skip((long) page * size).limit(size);
		query.fields().exclude("outbox").exclude("invitation");
		return new PageImpl<>(this.mongo.find(query, Account.class), PageRequest.of(page, size), total);
	}

	public Optional<Account> findByCodeHash(String codeHash) {
		ensureIndexes();
		return Optional.ofNullable(
				this.mongo.findOne(new Query(Criteria.where("invitation.codeHash").is(codeHash)), Account.class));
	}

	/**
	 * Applies a change only if the document still matches {@code condition}, and pushes
	 * its event in the same write.
	 * @return whether a document matched
	 */
	public boolean update(Criteria condition, Update change, OutboxEntry event, Instant now) {
		change.set("updatedAt", now);
		if (event != null) {
			change.push("outbox", event);
		}
		boolean matched = this.mongo.updateFirst(new Query(condition), change, Account.class).getMatchedCount() == 1;
		if (matched && event != null) {
			Object id = condition.getCriteriaObject().get("_id");
			if (id != null) {
				this.relay.written(Account.COLLECTION, id);
			}
			else {
				// an update not keyed by id: the frequent sweep (therapy.outbox) finds it
				this.relay.trigger();
			}
		}
		return matched;
	}

	/**
	 * Created lazily: the service starts while MongoDB may still be starting.
	 */
	private void ensureIndexes() {
		if (!this.indexed) {
			this.mongo.indexOps(Account.class).createIndex(new Index("invitation.codeHash", Sort.Direction.ASC));
			this.indexed = true;
		}
	}

}
