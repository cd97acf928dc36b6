package org.therapygroups.platform.directory;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Topics;
import org.therapygroups.events.identity.UserActivated;
import org.therapygroups.events.identity.UserDeactivated;
import org.therapygroups.events.identity.UserProfileChanged;
import org.therapygroups.events.identity.UserReactivated;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.identity.UserRoleChanged;
import org.therapygroups.events.idempotency.IdempotentConsumer;
import org.therapygroups.events.idempotency.MongoProcessedEvents;

/**
 * Keeps the directory in step with auth-service's identity events.
 * <p>
 * Records are keyed by user id, so one user's events arrive in order on one partition;
 * the container handles them one at a time and commits each offset after its record (ack
 * mode {@code record}). {@link IdempotentConsumer} skips event ids already applied
 * (redelivery after a crash or rebalance, or an outbox publishing twice), and
 * {@link DirectoryProjection} guards against older events arriving late. Records that
 * cannot be read or keep failing go to {@code identity.events.dlt}, see
 * {@link DeadLetterPublishing}.
 */
class IdentityEventsListener {

	/** The listener id and idempotency name: {@code <service>.directory}. */
	static final String CONSUMER_NAME = "${spring.application.name}.directory";

	private static final Logger log = LoggerFactory.getLogger(IdentityEventsListener.class);

	private final MongoProcessedEvents processedEvents;

	private final IdempotentConsumer consumer;

	private final DirectoryProjection projection;

	private volatile boolean indexesEnsured;

	IdentityEventsListener(MongoTemplate mongo, DirectoryProjection projection, String consumerName) {
		this.processedEvents = MongoProcessedEvents.in(mongo.getDb());
		this.consumer = new IdempotentConsumer(consumerName, this.processedEvents);
		this.projection = projection;
	}

	@KafkaListener(id = CONSUMER_NAME, topics = Topics.IDENTITY, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, CloudEvent> record) {
		CloudEvent event = record.value();
		if (event == null) {
			log.debug("Ignored a record without value (key {}) at {}-{}@{}", record.key(), record.topic(),
					record.partition(), record.offset());
			return;
		}
		ensureIndexes();
		Boolean ran = switch (event.getType()) {
			case EventTypes.Identity.USER_REGISTERED ->
				this.consumer.handle(event, UserRegistered.class, (e, user) -> this.projection.registered(user));
			case EventTypes.Identity.USER_ACTIVATED ->
				this.consumer.handle(event, UserActivated.class, (e, user) -> this.projection.activated(user));
			case EventTypes.Identity.USER_REACTIVATED ->
				this.consumer.handle(event, UserReactivated.class, (e, user) -> this.projection.activated(user));
			case EventTypes.Identity.USER_DEACTIVATED ->
				this.consumer.handle(event, UserDeactivated.class, (e, user) -> this.projection.deactivated(user));
			case EventTypes.Identity.USER_ROLE_CHANGED ->
				this.consumer.handle(event, UserRoleChanged.class, (e, user) -> this.projection.changed(user));
			case EventTypes.Identity.USER_PROFILE_CHANGED ->
				this.consumer.handle(event, UserProfileChanged.class, (e, user) -> this.projection.changed(user));
			default -> null;
		};
		// ids and types only: the payload holds a display name
		if (ran == null) {
			// a newer type or version this service does not know yet: not an error
			log.debug("Ignored identity event {} of unknown type {}", event.getId(), event.getType());
		}
		else {
			log.debug("Identity event {} ({}) for user {}: {}", event.getId(), event.getType(), record.key(),
					ran ? "handled" : "already processed, skipped");
		}
	}

	/**
	 * The purge index of the processed-ids store, created on first use rather than at
	 * startup so that the service still starts while MongoDB is away (readiness reports
	 * it).
	 */
	private void ensureIndexes() {
		if (!this.indexesEnsured) {
			this.processedEvents.ensureIndexes();
			this.indexesEnsured = true;
		}
	}

}
