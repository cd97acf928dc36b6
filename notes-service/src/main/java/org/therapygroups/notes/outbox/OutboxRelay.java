package org.therapygroups.notes.outbox;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.kafka.CloudEventRecords;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the {@code notes}
 * collection and pulls each one only after the broker acknowledged it (acks=all,
 * idempotent producer). A crash between the acknowledgement and the pull publishes the
 * same event id again, which consumers deduplicate. Events of one document go out in
 * order; a failure stops the run so that a later event never overtakes an earlier one.
 */
@Component
public class OutboxRelay {

	/** The collection whose documents carry an {@code outbox} array. */
	public static final String COLLECTION = "notes";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, CloudEvent> kafka;

	private final ReentrantLock running = new ReentrantLock();

	/** Logs the first failure of a series only: the schedule retries every 500 ms. */
	private volatile boolean failing;

	public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka) {
		this.mongo = mongo;
		this.kafka = kafka;
	}

	/** Publishes soon after a write instead of waiting for the next scheduled run. */
	public void trigger() {
		Thread.ofVirtual().name("outbox-trigger").start(this::relay);
	}

	/**
	 * Publishes the pending events of one document soon after its write. Looking the
	 * document up by id keeps this cheap however many notes there are; the scheduled run
	 * catches up on anything this misses.
	 * @param documentId the written document
	 */
	public void trigger(Object documentId) {
		Thread.ofVirtual().name("outbox-trigger").start(() -> {
			if (!this.running.tryLock()) {
				return;
			}
			try {
				publishPending(new Query(Criteria.where("_id").is(documentId).and("outbox.0").exists(true)));
			}
			catch (RuntimeException ex) {
				log.debug("Outbox trigger for {} failed, the scheduled run retries: {}", documentId, ex.toString());
			}
			finally {
				this.running.unlock();
			}
		});
	}

	@Scheduled(fixedDelayString = "${therapy.notes.outbox-interval:500ms}")
	public void relay() {
		// one run at a time; a skipped trigger is caught up by the next scheduled run
		if (!this.running.tryLock()) {
			return;
		}
		try {
			int published = publishPending();
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
	 * One pass over the documents with pending events.
	 * @return how many events were published
	 */
	int publishPending() {
		return publishPending(new Query(Criteria.where("outbox.0").exists(true)).limit(BATCH));
	}

	private int publishPending(Query pending) {
		pending.fields().include("outbox");
		int published = 0;
		for (Document document : this.mongo.find(pending, Document.class, COLLECTION)) {
			Object id = document.get("_id");
			for (Document entry : document.getList("outbox", Document.class, List.of())) {
				publish(entry.getString("event"));
				this.mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
						new Update().pull("outbox", new Document("eventId", entry.getString("eventId"))), COLLECTION);
				published++;
			}
		}
		return published;
	}

	private void publish(String json) {
		CloudEvent event = EventJson.fromJson(json);
		try {
			this.kafka.send(CloudEventRecords.toRecord(event)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while publishing event " + event.getId(), ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("event " + event.getId() + " not acknowledged: " + ex, ex);
		}
	}

}
