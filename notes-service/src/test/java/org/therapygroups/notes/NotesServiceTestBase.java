package org.therapygroups.notes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * One application context for all service-level note tests: a real Kafka broker (KRaft,
 * in-process), a real MongoDB wire-protocol server (mongo-java-server, in memory), real
 * Tink. Requests carry JWTs with realm roles as authorities, as the resource server
 * builds them. Every test uses its own group, session and user ids.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(
		topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS, "sessions.events.dlt", Topics.NOTES },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(NotesServiceTestBase.MongoServerLifecycle.class)
public abstract class NotesServiceTestBase {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	private KafkaProducer<String, CloudEvent> events;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoServer.bind().getPort());
	}

	@BeforeAll
	void connect() {
		this.events = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StructuredCloudEventSerializer());
	}

	@AfterAll
	void disconnect() {
		this.events.close(Duration.ofSeconds(1));
	}

	protected static String id() {
		return UUID.randomUUID().toString();
	}

	/** Publishes as sessions-service does: keyed by the group id. */
	protected CloudEvent publish(EventPayload payload) throws Exception {
		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, payload);
		publish(event);
		return event;
	}

	protected void publish(CloudEvent event) throws Exception {
		this.events.send(new ProducerRecord<>(Topics.SESSIONS, Events.partitionKey(event), event))
			.get(10, TimeUnit.SECONDS);
	}

	/** The note of a session, once the listener opened it. */
	protected Document awaitNote(String sessionId) {
		await().atMost(TIMEOUT).until(() -> noteOf(sessionId) != null);
		return noteOf(sessionId);
	}

	protected Document noteOf(String sessionId) {
		return this.mongo.getCollection("notes").find(new Document("sessionId", sessionId)).first();
	}

	protected void awaitGroup(String groupId) {
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection("groups").find(new Document("_id", groupId)).first() != null);
	}

	protected void awaitMembership(String patientId, String groupId) {
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.getCollection("memberships")
				.find(new Document("patientId", patientId).append("groupId", groupId))
				.first() != null);
	}

	/**
	 * A group (with the given modality, with or without a supervisor) with three members,
	 * and a completed session of it whose draft note exists.
	 */
	protected NoteFixtures.Scenario givenCompletedSession(String modality, boolean supervised) throws Exception {
		NoteFixtures.Scenario scenario = NoteFixtures.scenario(modality, supervised);
		publish(scenario.groupCreated());
		for (String patient : scenario.patients()) {
			publish(scenario.joined(patient));
		}
		awaitMembership(scenario.patientC(), scenario.groupId());
		publish(scenario.sessionCompleted());
		Document note = awaitNote(scenario.sessionId());
		return scenario.withNoteId(note.getString("_id"));
	}

	protected static RequestPostProcessor as(String userId, String role) {
		return jwt().jwt((token) -> token.subject(userId)).authorities(new SimpleGrantedAuthority("ROLE_" + role));
	}

	protected static MockHttpServletRequestBuilder withJson(MockHttpServletRequestBuilder request, Object body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(NoteJson.write(body));
	}

	protected JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
		return this.json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	/** Every event notes-service published about a note so far (structured JSON). */
	protected List<CloudEvent> noteEvents(String noteId, int atLeast) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "notes-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.NOTES));
			await().atMost(TIMEOUT).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					CloudEvent event = EventJson.fromBytes(record.value());
					if (noteId.equals(event.getSubject())) {
						found.add(event);
					}
				}
				return found.size() >= atLeast;
			});
		}
		return found;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MongoServerLifecycle {

		@Bean(destroyMethod = "shutdownNow")
		MongoServer mongoServer() {
			return mongoServer;
		}

	}

}
