package org.therapygroups.events;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.therapygroups.events.idempotency.IdempotentConsumer;
import org.therapygroups.events.idempotency.MongoProcessedEvents;
import org.therapygroups.events.kafka.CloudEventRecords;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Events through a real Kafka broker (KRaft, in-process) with the structured-mode
 * serializers, and consumer idempotency on a real MongoDB wire-protocol server.
 */
class EventPipelineIT {

	private static final String DUPLICATES_TOPIC = "it.duplicates.events";

	private static final String POISON_TOPIC = "it.poison.events";

	private static EmbeddedKafkaKraftBroker broker;

	private static MongoServer mongoServer;

	private static MongoClient mongo;

	@BeforeAll
	static void start() {
		broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.SESSIONS, DUPLICATES_TOPIC, POISON_TOPIC,
				Topics.deadLetter(POISON_TOPIC));
		broker.afterPropertiesSet();
		mongoServer = new MongoServer(new MemoryBackend());
		InetSocketAddress address = mongoServer.bind();
		mongo = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
	}

	@AfterAll
	static void stop() {
		if (mongo != null) {
			mongo.close();
		}
		if (mongoServer != null) {
			mongoServer.shutdownNow();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void eventTravelsThroughKafkaWithEveryAttributeAndItsPayload() throws Exception {
		CloudEvent sent = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());

		try (KafkaProducer<String, CloudEvent> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(sent)).get(10, TimeUnit.SECONDS);
		}
		List<ConsumerRecord<String, CloudEvent>> received = consume(Topics.SESSIONS, 1);

		ConsumerRecord<String, CloudEvent> record = received.get(0);
		assertThat(record.key()).isEqualTo("group-7");
		assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
			.isEqualTo(EventJson.CONTENT_TYPE);
		CloudEvent event = record.value();
		EventJsonTests.assertSameAttributes(event, sent);
		assertThat(event.getType()).isEqualTo("therapy.session.completed.v1");
		assertThat(event.getSource()).hasToString("/sessions-service");
		assertThat(event.getSubject()).isEqualTo("session-42");
		assertThat(Events.payload(event, SessionCompleted.class)).isEqualTo(TestPayloads.sessionCompleted());
	}

	@Test
	void sameEventDeliveredTwiceIsHandledOnce() throws Exception {
		// the outbox relay published the same event twice (e.g. it crashed before marking
		// it sent)
		UUID id = UUID.randomUUID();
		java.time.OffsetDateTime time = java.time.OffsetDateTime.parse("2026-11-02T18:30:00Z");
		CloudEvent first = Events.create(id, time, EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());
		CloudEvent republished = Events.create(id, time, EventSources.SESSIONS_SERVICE,
				TestPayloads.sessionCompleted());
		try (KafkaProducer<String, CloudEvent> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(DUPLICATES_TOPIC, first)).get(10, TimeUnit.SECONDS);
			producer.send(CloudEventRecords.toRecord(DUPLICATES_TOPIC, republished)).get(10, TimeUnit.SECONDS);
		}
		IdempotentConsumer consumer = new IdempotentConsumer("notes-service.session-completed",
				MongoProcessedEvents.in(mongo.getDatabase("notes")).ensureIndexes());
		List<SessionCompleted> drafts = new ArrayList<>();

		List<Boolean> ran = new ArrayList<>();
		for (ConsumerRecord<String, CloudEvent> record : consume(DUPLICATES_TOPIC, 2)) {
			ran.add(consumer.handle(record.value(), SessionCompleted.class, (event, payload) -> drafts.add(payload)));
		}

		assertThat(ran).containsExactly(true, false);
		assertThat(drafts).containsExactly(TestPayloads.sessionCompleted());
		assertThat(mongo.getDatabase("notes")
			.getCollection(MongoProcessedEvents.DEFAULT_COLLECTION)
			.countDocuments(new org.bson.Document("eventId", id.toString()))).isEqualTo(1);
	}

	@Test
	void poisonRecordIsReportedWithItsBytesAndCanBeDeadLettered() throws Exception {
		CloudEvent good = Events.create(EventSources.SESSIONS_SERVICE, TestPayloads.sessionCompleted());
		byte[] garbage = "this is not a cloud event".getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerProps(), new StringSerializer(),
				new ByteArraySerializer()); KafkaProducer<String, CloudEvent> producer = producer()) {
			raw.send(new ProducerRecord<>(POISON_TOPIC, 0, "group-7", garbage)).get(10, TimeUnit.SECONDS);
			producer.send(new ProducerRecord<>(POISON_TOPIC, 0, "group-7", good)).get(10, TimeUnit.SECONDS);
		}

		List<CloudEvent> handled = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = consumer();
				KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(producerProps(), new StringSerializer(),
						new ByteArraySerializer())) {
			TopicPartition partition = new TopicPartition(POISON_TOPIC, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			RecordDeserializationException poison = catchThrowableOfType(RecordDeserializationException.class,
					() -> consumer.poll(Duration.ofSeconds(10)));
			assertThat(poison).isNotNull();
			assertThat(poison.getCause()).hasMessageContaining("is not a valid CloudEvent")
				.hasCauseInstanceOf(EventFormatException.class);
			byte[] value = new byte[poison.valueBuffer().remaining()];
			poison.valueBuffer().get(value);
			deadLetters.send(new ProducerRecord<>(Topics.deadLetter(POISON_TOPIC), "group-7", value))
				.get(10, TimeUnit.SECONDS);
			consumer.seek(poison.topicPartition(), poison.offset() + 1);

			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (handled.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> handled.add(record.value()));
			}
		}

		assertThat(handled).extracting(CloudEvent::getId).containsExactly(good.getId());
		try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = dlt.partitionsFor(Topics.deadLetter(POISON_TOPIC))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			dlt.assign(partitions);
			dlt.seekToBeginning(partitions);
			List<byte[]> parked = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (parked.isEmpty() && System.nanoTime() < deadline) {
				dlt.poll(Duration.ofMillis(200)).forEach((record) -> parked.add(record.value()));
			}
			assertThat(parked).containsExactly(garbage);
		}
	}

	private static KafkaProducer<String, CloudEvent> producer() {
		return new KafkaProducer<>(producerProps(), new StringSerializer(), new StructuredCloudEventSerializer());
	}

	private static Map<String, Object> producerProps() {
		Map<String, Object> props = new HashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return props;
	}

	private static KafkaConsumer<String, CloudEvent> consumer() {
		return new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StructuredCloudEventDeserializer());
	}

	private static Map<String, Object> consumerProps() {
		Map<String, Object> props = new HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return props;
	}

	/**
	 * Reads {@code count} records from all partitions of {@code topic}, in offset order
	 * per partition.
	 */
	private static List<ConsumerRecord<String, CloudEvent>> consume(String topic, int count) {
		List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (records.size() < count && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		assertThat(records).as("records on " + topic).hasSize(count);
		return records;
	}

}
