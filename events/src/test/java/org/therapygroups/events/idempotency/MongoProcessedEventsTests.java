package org.therapygroups.events.idempotency;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.Events;
import org.therapygroups.events.TestPayloads;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoProcessedEventsTests {

	private static MongoServer server;

	private static MongoClient client;

	private MongoCollection<Document> collection;

	private MongoProcessedEvents store;

	@BeforeAll
	static void startMongo() {
		server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
	}

	@AfterAll
	static void stopMongo() {
		client.close();
		server.shutdownNow();
	}

	@BeforeEach
	void freshCollection() {
		this.collection = client.getDatabase("events-test").getCollection(MongoProcessedEvents.DEFAULT_COLLECTION);
		this.collection.deleteMany(new Document());
		this.store = new MongoProcessedEvents(this.collection).ensureIndexes();
	}

	@Test
	void firstMarkWinsAndDuplicatesAreDetectedPerConsumer() {
		assertThat(this.store.isProcessed("notes", "e1")).isFalse();
		assertThat(this.store.markProcessed("notes", "e1")).isTrue();
		assertThat(this.store.markProcessed("notes", "e1")).isFalse();
		assertThat(this.store.isProcessed("notes", "e1")).isTrue();
		assertThat(this.store.markProcessed("dashboard", "e1")).isTrue();
		Document stored = this.collection.find(new Document("_id", "notes|e1")).first();
		assertThat(stored).isNotNull();
		assertThat(stored.getString("consumer")).isEqualTo("notes");
		assertThat(stored.getString("eventId")).isEqualTo("e1");
		assertThat(stored.getDate("processedAt")).isNotNull();
	}

	@Test
	void rejectsAmbiguousKeys() {
		assertThatThrownBy(() -> this.store.markProcessed("a|b", "e1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.store.markProcessed("a", " ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void handlerRunsOnceForTheSameEvent() {
		IdempotentConsumer consumer = new IdempotentConsumer("notes-service.session-completed", this.store);
		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());
		List<SessionCompleted> seen = new ArrayList<>();

		boolean first = consumer.handle(event, SessionCompleted.class, (e, payload) -> seen.add(payload));
		boolean second = consumer.handle(event, SessionCompleted.class, (e, payload) -> seen.add(payload));

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(seen).containsExactly(TestPayloads.sessionCompleted());
	}

	@Test
	void failingHandlerIsNotRecordedSoTheRedeliveryRunsItAgain() {
		IdempotentConsumer consumer = new IdempotentConsumer("dashboard", this.store);
		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());
		AtomicInteger attempts = new AtomicInteger();

		assertThatThrownBy(() -> consumer.handle(event, (e) -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("database down");
		})).isInstanceOf(IllegalStateException.class).hasMessage("database down");
		assertThatThrownBy(() -> consumer.handle(event, (e) -> {
			attempts.incrementAndGet();
			throw new java.io.IOException("still down");
		})).isInstanceOf(EventHandlingException.class).hasRootCauseMessage("still down");
		assertThat(this.store.isProcessed("dashboard", event.getId())).isFalse();

		assertThat(consumer.handle(event, (e) -> attempts.incrementAndGet())).isTrue();
		assertThat(consumer.handle(event, (e) -> attempts.incrementAndGet())).isFalse();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void unreadablePayloadIsNotRecorded() {
		IdempotentConsumer consumer = new IdempotentConsumer("notes", this.store);
		CloudEvent event = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());

		assertThatThrownBy(() -> consumer.handle(event, SessionCompleted.class, (e, payload) -> {
		})).isInstanceOf(EventFormatException.class);
		assertThat(this.store.isProcessed("notes", event.getId())).isFalse();
		assertThat(consumer.handle(event, UserRegistered.class, (e, payload) -> {
		})).isTrue();
	}

	@Test
	void housekeepingDeletesOldEntries() {
		this.store.markProcessed("notes", "old");
		this.collection.updateOne(new Document("_id", "notes|old"), new Document("$set",
				new Document("processedAt", java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z")))));
		this.store.markProcessed("notes", "new");

		assertThat(this.store.deleteProcessedBefore(Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo(1);
		assertThat(this.store.isProcessed("notes", "old")).isFalse();
		assertThat(this.store.isProcessed("notes", "new")).isTrue();
	}

}
