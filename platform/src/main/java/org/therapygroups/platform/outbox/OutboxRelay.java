package org.therapygroups.platform.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.kafka.CloudEventRecords;
import org.therapygroups.platform.mongo.DefaultDatabase;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the configured collections
 * and pulls each one only after the broker acknowledged it (acks=all, idempotent
 * producer); the events of one document go to one partition in order, so sending a batch
 * at once keeps their order. A crash between the acknowledgement and the pull publishes
 * the same event id again, which consumers deduplicate.
 * <p>
 * The frequent run reads only documents known to have been written: those saved whole
 * (Spring Data's after-save event) and those a service names with
 * {@link #written(String, Object)} after an update. A rare sweep scans whole collections
 * for anything else, e.g. events of an instance that stopped before publishing them.
 */
public class OutboxRelay implements ApplicationListener<AfterSaveEvent<?>> {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, CloudEvent> kafka;

	private final ReentrantLock running = new ReentrantLock();

	private final Queue<Written> written = new ConcurrentLinkedQueue<>();

	/** Logs the first failure of a series only: the schedule retries every 500 ms. */
	private volatile boolean failing;

	private final List<String> collections;

	private final int batchSize;

	private final boolean bumpVersion;

	public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka, OutboxProperties properties) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.collections = List.copyOf(properties.collections());
		this.batchSize = properties.batch();
		this.bumpVersion = properties.bumpVersion();
	}

	/** Publishes soon after a write instead of waiting for the next scheduled run. */
	public void trigger() {
		Thread.ofVirtual().name("outbox-trigger").start(this::relay);
	}

	/**
	 * Names a document just written with pending events by an update (saves are noticed
	 * on their own), and publishes them soon.
	 * @param collection the document's collection
	 * @param id the document's {@code _id}
	 */
	public void written(String collection, Object id) {
		this.written.add(new Written(collection, id));
		trigger();
	}

	/**
	 * Remembers every group or session written with pending events, so the frequent run
	 * reads those documents by id instead of scanning whole collections.
	 */
	@Override
	public void onApplicationEvent(AfterSaveEvent<?> event) {
		String collection = event.getCollectionName();
		Document document = event.getDocument();
		if (this.collections.contains(collection) && document != null
				&& !document.getList("outbox", Object.class, List.of()).isEmpty()) {
			this.written.add(new Written(collection, document.get("_id")));
		}
	}

	/** Publishes the events of the documents written since the last run. */
	@Scheduled(fixedDelayString = "${therapy.outbox.interval:500ms}")
	public void relay() {
		run(() -> {
			List<Written> batch = new ArrayList<>();
			for (Written next; (next = this.written.poll()) != null;) {
				batch.add(next);
			}
			try {
				int published = 0;
				for (String collection : this.collections) {
					List<Object> ids = batch.stream()
						.filter((w) -> w.collection().equals(collection))
						.map(Written::id)
						.distinct()
						.toList();
					for (int from = 0; from < ids.size(); from += this.batchSize) {
						published += publishPending(collection,
								ids.subList(from, Math.min(ids.size(), from + this.batchSize)));
					}
				}
				return published;
			}
			catch (RuntimeException ex) {
				// try these again next time
				this.written.addAll(batch);
				throw ex;
			}
		});
	}

	/**
	 * Scans for events nobody remembered: written by an instance that stopped before it
	 * published them. Failures of the frequent run are retried by that run itself, so the
	 * scan, costly on large collections, is rare.
	 */
	@Scheduled(initialDelayString = "${therapy.outbox.sweep-delay:10s}",
			fixedDelayString = "${therapy.outbox.sweep-interval:5m}")
	public void sweep() {
		run(() -> {
			int published = 0;
			int batch;
			do {
				batch = 0;
				for (String collection : this.collections) {
					batch += publishPending(collection, null);
				}
				published += batch;
			}
			while (batch > 0);
			return published;
		});
	}

	private void run(java.util.function.IntSupplier pass) {
		// one run at a time; whatever a skipped run would have done, the next one does
		if (!this.running.tryLock()) {
			return;
		}
		try {
			int published = pass.getAsInt();
			if (this.failing) {
				log.info("Outbox relay recovered, published {} event(s)", published);
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				log.warn("Outbox relay failed, will retry: {}", ex.toString());
				this.failing = true;
			}
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * One pass over the documents of a collection with pending events: everything is sent
	 * at once, then each document's published prefix is pulled in one update.
	 * @param collection the collection
	 * @param ids the documents to look at, {@code null} to scan the collection
	 * @return how many events were published
	 */
	int publishPending(String collection, List<Object> ids) {
		List<Document> documents = new ArrayList<>();
		if (ids == null) {
			Query pending = new Query(Criteria.where("outbox.0").exists(true)).limit(this.batchSize);
			pending.fields().include("outbox").include("version");
			documents.addAll(this.mongo.find(pending, Document.class, collection));
		}
		else {
			for (Document document : DefaultDatabase.findEachById(this.mongo, ids, List.of("outbox", "version"),
					Document.class, collection)) {
				if (!document.getList("outbox", Object.class, List.of()).isEmpty()) {
					documents.add(document);
				}
			}
		}
		Map<Object, List<Sent>> sent = new LinkedHashMap<>();
		Set<Object> versioned = new HashSet<>();
		for (Document document : documents) {
			if (document.containsKey("version")) {
				versioned.add(document.get("_id"));
			}
			List<Sent> ofDocument = new ArrayList<>();
			for (Document entry : document.getList("outbox", Document.class, List.of())) {
				CloudEvent event = EventJson.fromJson(entry.getString("event"));
				ofDocument.add(new Sent(event.getId(), this.kafka.send(CloudEventRecords.toRecord(event))));
			}
			sent.put(document.get("_id"), ofDocument);
		}
		this.kafka.flush();
		int published = 0;
		RuntimeException failure = null;
		for (Map.Entry<Object, List<Sent>> document : sent.entrySet()) {
			List<String> acknowledged = new ArrayList<>();
			for (Sent event : document.getValue()) {
				try {
					event.result().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
					acknowledged.add(event.eventId());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while publishing event " + event.eventId(), ex);
				}
				catch (Exception ex) {
					// later events of this document stay too, so none overtakes this one
					failure = new IllegalStateException("event " + event.eventId() + " not acknowledged: " + ex, ex);
					break;
				}
			}
			if (!acknowledged.isEmpty()) {
				Update pull = new Update().pull("outbox", new Document("eventId", new Document("$in", acknowledged)));
				if (this.bumpVersion && versioned.contains(document.getKey())) {
					pull.inc("version", 1);
				}
				this.mongo.updateFirst(new Query(Criteria.where("_id").is(document.getKey())), pull, collection);
				published += acknowledged.size();
			}
		}
		if (failure != null) {
			throw failure;
		}
		return published;
	}

	private record Sent(String eventId, CompletableFuture<?> result) {
	}

	private record Written(String collection, Object id) {
	}

}
