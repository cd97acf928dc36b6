package org.therapygroups.events.idempotency;

import java.time.Instant;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

/**
 * {@link ProcessedEvents} on the plain MongoDB sync driver. One document per consumer and
 * event: {@code {_id: "<consumer>|<eventId>", consumer, eventId, processedAt}}. Recording
 * is a single {@code insertOne}; the unique {@code _id} makes it atomic, and a
 * duplicate-key error (E11000) means "already processed". No transactions, no
 * multi-document writes, so it works the same on MongoDB and on the embedded
 * mongo-java-server.
 * <p>
 * Nothing expires by itself (TTL indexes are not honoured by the embedded server): run
 * {@link #deleteProcessedBefore(Instant)} from a scheduled job with a cutoff well beyond
 * the topics' retention and the outbox relay's retry horizon.
 * <p>
 * Needs {@code mongodb-driver-sync} on the classpath (an optional dependency of this
 * library).
 */
public final class MongoProcessedEvents implements ProcessedEvents {

	/** Suggested collection name. */
	public static final String DEFAULT_COLLECTION = "processed_events";

	private static final String SEPARATOR = "|";

	private final MongoCollection<Document> collection;

	/**
	 * Uses the given collection.
	 * @param collection the collection holding processed ids
	 */
	public MongoProcessedEvents(MongoCollection<Document> collection) {
		if (collection == null) {
			throw new IllegalArgumentException("collection must not be null");
		}
		this.collection = collection;
	}

	/**
	 * Uses {@link #DEFAULT_COLLECTION} in {@code database}.
	 * @param database the service's database
	 * @return the store
	 */
	public static MongoProcessedEvents in(MongoDatabase database) {
		return new MongoProcessedEvents(database.getCollection(DEFAULT_COLLECTION));
	}

	/**
	 * Creates the index that {@link #deleteProcessedBefore(Instant)} uses; idempotent.
	 * @return this store
	 */
	public MongoProcessedEvents ensureIndexes() {
		this.collection.createIndex(Indexes.ascending("processedAt"), new IndexOptions().name("processedAt"));
		return this;
	}

	@Override
	public boolean isProcessed(String consumer, String eventId) {
		return this.collection.find(Filters.eq("_id", key(consumer, eventId))).limit(1).first() != null;
	}

	@Override
	public boolean markProcessed(String consumer, String eventId) {
		Document document = new Document("_id", key(consumer, eventId)).append("consumer", consumer)
			.append("eventId", eventId)
			.append("processedAt", new Date());
		try {
			this.collection.insertOne(document);
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Forgets ids recorded before {@code cutoff} (housekeeping, not a transaction: each
	 * document is removed on its own).
	 * @param cutoff ids processed before this instant are removed
	 * @return how many were removed
	 */
	public long deleteProcessedBefore(Instant cutoff) {
		if (cutoff == null) {
			throw new IllegalArgumentException("cutoff must not be null");
		}
		return this.collection.deleteMany(Filters.lt("processedAt", Date.from(cutoff))).getDeletedCount();
	}

	static String key(String consumer, String eventId) {
		if (consumer == null || consumer.isBlank() || consumer.contains(SEPARATOR)) {
			throw new IllegalArgumentException("consumer must not be blank or contain '" + SEPARATOR + "'");
		}
		if (eventId == null || eventId.isBlank()) {
			throw new IllegalArgumentException("eventId must not be blank");
		}
		return consumer + SEPARATOR + eventId;
	}

}
