package org.therapygroups.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserActivated;
import org.therapygroups.events.identity.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The relay against a real MongoDB wire-protocol server (mongo-java-server, as the local
 * stack uses), with the broker's answers given: publish in order, pull only what was
 * acknowledged, find documents both by a scan and by being named.
 */
class OutboxRelayTests {

	private static final String COLLECTION = "accounts";

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://" + this.server.bind().getHostString() + ":" + this.server.getLocalAddress().getPort());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "test");

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, CloudEvent> kafka = mock(KafkaTemplate.class);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final OutboxEntry registered = OutboxEntry.of(EventSources.AUTH_SERVICE,
			new UserRegistered("u-1", "patient", "Pia P", this.now), this.now);

	private final OutboxEntry activated = OutboxEntry.of(EventSources.AUTH_SERVICE,
			new UserActivated("u-1", "patient", "Pia P", this.now), this.now);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	@SuppressWarnings("unchecked")
	void publishesInOrderWithTheStoredIdsAndPullsThem() {
		insert(List.of(this.registered, this.activated));
		brokerAcknowledgesAll();
		OutboxRelay relay = relay(false);

		assertThat(relay.publishPending(COLLECTION, null)).isEqualTo(2);

		ArgumentCaptor<ProducerRecord<String, CloudEvent>> records = ArgumentCaptor.forClass(ProducerRecord.class);
		verify(this.kafka, times(2)).send(records.capture());
		assertThat(records.getAllValues()).extracting((record) -> record.value().getId())
			.containsExactly(this.registered.eventId(), this.activated.eventId());
		assertThat(records.getAllValues()).allSatisfy((record) -> {
			assertThat(record.topic()).isEqualTo("identity.events");
			assertThat(record.key()).isEqualTo("u-1");
			assertThat(record.value().getSource().toString()).isEqualTo(EventSources.AUTH_SERVICE);
		});
		assertThat(outbox()).isEmpty();
		assertThat(stored().containsKey("version")).isFalse();
		assertThat(relay.publishPending(COLLECTION, null)).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsWhatTheBrokerDidNotAcknowledge() {
		insert(List.of(this.registered, this.activated));
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.completedFuture(mock(SendResult.class)))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("broker away")));

		relay(false).sweep();

		assertThat(outbox()).extracting((entry) -> entry.getString("eventId"))
			.containsExactly(this.activated.eventId());
	}

	@Test
	void aDocumentNamedAfterAnUpdateIsPublishedWithoutAScan() {
		insert(List.of(this.registered));
		brokerAcknowledgesAll();
		OutboxRelay relay = relay(false);

		relay.written(COLLECTION, "u-1");

		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outbox().isEmpty());
	}

	@Test
	void publishingBumpsTheVersionWhereDocumentsAreSavedWithOne() {
		this.mongo.insert(new Document("_id", "u-1").append("version", 3L)
			.append("outbox", List.of(this.registered.toDocument())), COLLECTION);
		brokerAcknowledgesAll();

		relay(true).publishPending(COLLECTION, List.of("u-1"));

		assertThat(outbox()).isEmpty();
		assertThat(stored().getLong("version")).isEqualTo(4L);
	}

	@Test
	void aDocumentWithoutVersionGetsNone() {
		insert(List.of(this.registered));
		brokerAcknowledgesAll();

		relay(true).publishPending(COLLECTION, null);

		assertThat(outbox()).isEmpty();
		assertThat(stored().containsKey("version")).isFalse();
	}

	@SuppressWarnings("unchecked")
	private void brokerAcknowledgesAll() {
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
	}

	private OutboxRelay relay(boolean bumpVersion) {
		return new OutboxRelay(this.mongo, this.kafka, new OutboxProperties(List.of(COLLECTION), Duration.ofMillis(500),
				Duration.ofSeconds(10), Duration.ofMinutes(5), 200, bumpVersion));
	}

	private void insert(List<OutboxEntry> outbox) {
		this.mongo.insert(
				new Document("_id", "u-1").append("outbox", outbox.stream().map(OutboxEntry::toDocument).toList()),
				COLLECTION);
	}

	private Document stored() {
		return this.mongo.getCollection(COLLECTION).find().first();
	}

	private List<Document> outbox() {
		return stored().getList("outbox", Document.class, List.of());
	}

}
