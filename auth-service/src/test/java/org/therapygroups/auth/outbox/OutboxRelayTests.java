package org.therapygroups.auth.outbox;

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
 * stack uses): publish in order, pull only what was acknowledged.
 */
class OutboxRelayTests {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://" + this.server.bind().getHostString() + ":" + this.server.getLocalAddress().getPort());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "test");

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, CloudEvent> kafka = mock(KafkaTemplate.class);

	private final OutboxRelay relay = new OutboxRelay(this.mongo, this.kafka);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final OutboxEntry registered = OutboxEntry.of(new UserRegistered("u-1", "patient", "Pia P", this.now),
			this.now);

	private final OutboxEntry activated = OutboxEntry.of(new UserActivated("u-1", "patient", "Pia P", this.now),
			this.now);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	@SuppressWarnings("unchecked")
	void publishesInOrderWithTheStoredIdsAndPullsThem() {
		insert(List.of(this.registered, this.activated));
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.completedFuture(mock(SendResult.class)));

		assertThat(this.relay.publishPending()).isEqualTo(2);

		ArgumentCaptor<ProducerRecord<String, CloudEvent>> records = ArgumentCaptor.forClass(ProducerRecord.class);
		verify(this.kafka, times(2)).send(records.capture());
		assertThat(records.getAllValues()).extracting((record) -> record.value().getId())
			.containsExactly(this.registered.eventId(), this.activated.eventId());
		assertThat(records.getAllValues()).allSatisfy((record) -> {
			assertThat(record.topic()).isEqualTo("identity.events");
			assertThat(record.key()).isEqualTo("u-1");
		});
		assertThat(outbox()).isEmpty();
		assertThat(this.relay.publishPending()).isZero();
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsWhatTheBrokerDidNotAcknowledge() {
		insert(List.of(this.registered, this.activated));
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.completedFuture(mock(SendResult.class)))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("broker away")));

		this.relay.relay();

		assertThat(outbox()).extracting((entry) -> entry.getString("eventId"))
			.containsExactly(this.activated.eventId());
	}

	private void insert(List<OutboxEntry> outbox) {
		this.mongo.insert(new org.therapygroups.auth.account.Account("u-1", "pia", "patient", "Pia P",
				org.therapygroups.auth.account.AccountStatus.INVITED, null, null, null, "t-1", this.now, this.now,
				outbox));
	}

	private List<Document> outbox() {
		Document account = this.mongo.getCollection(OutboxRelay.COLLECTION).find().first();
		return account.getList("outbox", Document.class, List.of());
	}

}
