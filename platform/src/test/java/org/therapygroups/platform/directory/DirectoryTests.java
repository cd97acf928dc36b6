package org.therapygroups.platform.directory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.idempotency.MongoProcessedEvents;
import org.therapygroups.events.identity.Roles;
import org.therapygroups.events.identity.UserDeactivated;
import org.therapygroups.events.identity.UserProfileChanged;
import org.therapygroups.events.identity.UserReactivated;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.identity.UserRoleChanged;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;
import org.therapygroups.platform.testapp.KitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The directory fed through a real Kafka broker (KRaft, in-process) with real
 * CloudEvents, stored on a real MongoDB wire-protocol server (mongo-java-server). One
 * context for all cases; every case uses its own user ids.
 */
@SpringBootTest(classes = KitTestApplication.class,
		properties = { "therapy.directory.enabled=true", "logging.level.org.therapygroups.platform.directory=debug" })
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt" },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryTests {

	private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Instant T0 = Instant.parse("2026-11-02T09:00:00.000Z");

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private Directory directory;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MockMvc mvc;

	private KafkaProducer<String, CloudEvent> events;

	private KafkaProducer<String, byte[]> raw;

	private AdminClient admin;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoServer.bind().getPort());
	}

	@BeforeAll
	void connect() {
		Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ProducerConfig.ACKS_CONFIG, "all");
		this.events = new KafkaProducer<>(producer, new StringSerializer(), new StructuredCloudEventSerializer());
		this.raw = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
		this.admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()));
	}

	@AfterAll
	void disconnect() {
		this.events.close(Duration.ofSeconds(1));
		this.raw.close(Duration.ofSeconds(1));
		this.admin.close(Duration.ofSeconds(1));
	}

	@Test
	void aDeactivatedUsersTokenIsRefusedAtOnceAndWorksAgainAfterReactivation() throws Exception {
		String id = newUserId();
		send(new UserRegistered(id, Roles.THERAPIST, "Dr. Therapist Two", T0));
		await().atMost(TIMEOUT).until(() -> this.directory.isActiveTherapist(id));
		this.mvc.perform(get("/api/kit/me").with(therapistToken(id))).andExpect(status().isOk());

		send(new UserDeactivated(id, Roles.THERAPIST, "Dr. Therapist Two", T0.plusSeconds(60)));
		await().atMost(TIMEOUT).until(() -> !this.directory.isActiveTherapist(id));
		this.mvc.perform(get("/api/kit/me").with(therapistToken(id)))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("This account is deactivated."));

		send(new UserReactivated(id, Roles.THERAPIST, "Dr. Therapist Two", T0.plusSeconds(120)));
		await().atMost(TIMEOUT).until(() -> this.directory.isActiveTherapist(id));
		this.mvc.perform(get("/api/kit/me").with(therapistToken(id))).andExpect(status().isOk());
	}

	private static RequestPostProcessor therapistToken(String userId) {
		return jwt().jwt((token) -> token.subject(userId)).authorities(new SimpleGrantedAuthority("ROLE_therapist"));
	}

	@Test
	void registeredTherapistIsActiveUntilDeactivated() throws Exception {
		String id = newUserId();
		send(new UserRegistered(id, Roles.THERAPIST, "Dr. Therapist One", T0));

		await().atMost(TIMEOUT).until(() -> this.directory.isActiveTherapist(id));
		DirectoryUser user = this.directory.find(id).orElseThrow();
		assertThat(user.role()).isEqualTo(Roles.THERAPIST);
		assertThat(user.displayName()).isEqualTo("Dr. Therapist One");
		assertThat(user.registeredAt()).isEqualTo(T0);
		assertThat(user.lastEventAt()).isEqualTo(T0);
		assertThat(user.updatedAt()).isNotNull();
		assertThat(this.directory.isActivePatient(id)).isFalse();
		// the read model holds the directory view and nothing else
		assertThat(rawDocument(id).keySet()).containsExactlyInAnyOrder("_id", "role", "displayName", "active",
				"registeredAt", "updatedAt", "lastEventAt");

		send(new UserDeactivated(id, Roles.THERAPIST, "Dr. Therapist One", T0.plusSeconds(60)));
		await().atMost(TIMEOUT).until(() -> !this.directory.isActiveTherapist(id));
		assertThat(this.directory.find(id)).get().extracting(DirectoryUser::active).isEqualTo(false);

		send(new UserReactivated(id, Roles.THERAPIST, "Dr. Therapist One", T0.plusSeconds(120)));
		await().atMost(TIMEOUT).until(() -> this.directory.isActiveTherapist(id));
		assertThat(this.directory.find(id)).get()
			.extracting(DirectoryUser::registeredAt, DirectoryUser::lastEventAt)
			.containsExactly(T0, T0.plusSeconds(120));
	}

	@Test
	void roleAndProfileChangesApply() throws Exception {
		String id = newUserId();
		send(new UserRegistered(id, Roles.PATIENT, "P. Patient", T0));
		await().atMost(TIMEOUT).until(() -> this.directory.isActivePatient(id));

		send(new UserRoleChanged(id, Roles.THERAPIST, Roles.PATIENT, "P. Patient", T0.plusSeconds(1)));
		await().atMost(TIMEOUT).until(() -> this.directory.isActiveTherapist(id));
		assertThat(this.directory.isActivePatient(id)).isFalse();

		send(new UserProfileChanged(id, Roles.THERAPIST, "Dr. P. Patient", T0.plusSeconds(2)));
		await().atMost(TIMEOUT)
			.until(() -> this.directory.find(id).map(DirectoryUser::displayName),
					Optional.of("Dr. P. Patient")::equals);
		assertThat(this.directory.isActiveTherapist(id)).isTrue();
	}

	@Test
	void sameEventDeliveredTwiceIsAppliedOnce(CapturedOutput output) throws Exception {
		String id = newUserId();
		send(new UserRegistered(id, Roles.PATIENT, "Name Zero", T0));
		// same occurredAt for both changes, so the ordering guard lets either through:
		// only
		// idempotency keeps the redelivered A from overwriting B
		CloudEvent a = event(new UserProfileChanged(id, Roles.PATIENT, "Name Alpha", T0.plusSeconds(1)));
		CloudEvent b = event(new UserProfileChanged(id, Roles.PATIENT, "Name Beta", T0.plusSeconds(1)));
		send(a);
		send(b);
		RecordMetadata again = send(a);

		awaitConsumed(again);
		assertThat(this.directory.find(id)).get().extracting(DirectoryUser::displayName).isEqualTo("Name Beta");
		assertThat(processedCount(a)).isOne();
		assertThat(processedCount(b)).isOne();
		assertThat(output.getAll()).doesNotContain("Name Zero", "Name Alpha", "Name Beta");
	}

	@Test
	void olderEventArrivingLateDoesNotOverwriteNewerState(CapturedOutput output) throws Exception {
		String id = newUserId();
		send(new UserRegistered(id, Roles.THERAPIST, "Newest Name", T0));
		send(new UserProfileChanged(id, Roles.THERAPIST, "Newest Name", T0.plusSeconds(30)));
		send(new UserDeactivated(id, Roles.THERAPIST, "Older Name", T0.plusSeconds(10)));
		RecordMetadata late = send(
				new UserRoleChanged(id, Roles.PATIENT, Roles.THERAPIST, "Older Name", T0.plusSeconds(20)));

		awaitConsumed(late);
		DirectoryUser user = this.directory.find(id).orElseThrow();
		assertThat(user.displayName()).isEqualTo("Newest Name");
		assertThat(user.role()).isEqualTo(Roles.THERAPIST);
		assertThat(user.active()).isTrue();
		assertThat(user.lastEventAt()).isEqualTo(T0.plusSeconds(30));
		assertThat(output.getAll()).contains("Skipped UserDeactivated for user " + id)
			.doesNotContain("Newest Name", "Older Name");
	}

	@Test
	void unreadableRecordsAreDeadLetteredUnknownTypesIgnoredAndNeitherBlocksTheNextEvent(CapturedOutput output)
			throws Exception {
		String id = newUserId();
		byte[] garbage = ("not a cloud event " + id).getBytes(StandardCharsets.UTF_8);
		// a well-formed CloudEvent whose data does not fit UserRegistered (no role, no
		// name)
		CloudEvent unfit = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withSource(URI.create(EventSources.AUTH_SERVICE))
			.withType(EventTypes.Identity.USER_REGISTERED)
			.withSubject(id)
			.withDataContentType(Events.DATA_CONTENT_TYPE)
			.withData(Events.DATA_CONTENT_TYPE, ("{\"userId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8))
			.build();
		// a type from a newer auth-service: ignored, not dead-lettered
		CloudEvent unknown = CloudEventBuilder.v1(unfit)
			.withId(UUID.randomUUID().toString())
			.withType("therapy.identity.user-renamed.v1")
			.build();
		// same key for all four, so they land on one partition in this order
		this.raw.send(new ProducerRecord<>(Topics.IDENTITY, id, garbage)).get(10, TimeUnit.SECONDS);
		send(unknown);
		send(unfit);
		send(new UserRegistered(id, Roles.PATIENT, "After Garbage", T0));

		await().atMost(TIMEOUT).until(() -> this.directory.isActivePatient(id));
		List<ConsumerRecord<String, byte[]>> parked = deadLetters(id, 2);
		assertThat(parked).extracting(ConsumerRecord::key).containsOnly(id);
		assertThat(parked.get(0).value()).isEqualTo(garbage);
		assertThat(EventJson.fromBytes(parked.get(1).value()).getId()).isEqualTo(unfit.getId());
		assertThat(output.getAll()).contains("Ignored identity event " + unknown.getId())
			.contains("Dead-lettering identity.events-")
			.contains("DeserializationException")
			.contains("EventFormatException")
			.doesNotContain("After Garbage");
	}

	private static String newUserId() {
		return UUID.randomUUID().toString();
	}

	private static CloudEvent event(EventPayload payload) {
		return Events.create(EventSources.AUTH_SERVICE, payload);
	}

	private RecordMetadata send(EventPayload payload) throws Exception {
		return send(event(payload));
	}

	private RecordMetadata send(CloudEvent event) throws Exception {
		// keyed by user id like auth-service does, so one user's events stay in order
		return this.events.send(new ProducerRecord<>(Topics.IDENTITY, Events.partitionKey(event), event))
			.get(10, TimeUnit.SECONDS);
	}

	/** Waits until the listener committed the offset after {@code sent}. */
	private void awaitConsumed(RecordMetadata sent) {
		TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
		await().atMost(TIMEOUT).until(() -> {
			Map<TopicPartition, OffsetAndMetadata> offsets = this.admin.listConsumerGroupOffsets("kit-test")
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			OffsetAndMetadata committed = offsets.get(partition);
			return committed != null && committed.offset() > sent.offset();
		});
	}

	private long processedCount(CloudEvent event) {
		return this.mongo.getDb()
			.getCollection(MongoProcessedEvents.DEFAULT_COLLECTION)
			.countDocuments(new Document("consumer", "kit-test.directory").append("eventId", event.getId()));
	}

	private Document rawDocument(String id) {
		return this.mongo.getCollection(DirectoryUser.COLLECTION).find(new Document("_id", id)).first();
	}

	/** The first {@code count} dead letters keyed {@code key}, in order. */
	private List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.IDENTITY)));
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (key.equals(record.key())) {
						records.add(record);
					}
				});
				return records.size() >= count;
			});
			return records;
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MongoServerLifecycle {

		/** Stops the in-memory server when the test context closes. */
		@Bean(destroyMethod = "shutdownNow")
		MongoServer mongoServer() {
			return mongoServer;
		}

	}

}
