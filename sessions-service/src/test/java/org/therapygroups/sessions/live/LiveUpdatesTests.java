package org.therapygroups.sessions.live;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.therapygroups.events.Topics;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTestConfig;
import org.therapygroups.sessions.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real STOMP client over a real WebSocket to the running service, fed by the real
 * broker: recorded attendance arrives as a frame on the program's and the group's topic;
 * other directors, tokens and origins are refused. Tokens here are {@code <sub>|<role>},
 * read by a test decoder (the end-to-end test uses Keycloak's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "therapy.outbox.interval=200ms", "therapy.live.allowed-origins=https://app.example.test" })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS, Topics.NOTES },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import({ ServiceTestConfig.class, TestTokens.class })
@ContextConfiguration(initializers = ServiceTestConfig.Initializer.class)
class LiveUpdatesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private SimpUserRegistry users;

	private WebSocketStompClient client;

	private Api api;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		this.clock.set(ServiceTestConfig.NOW);
		this.client = new WebSocketStompClient(new StandardWebSocketClient());
		// frames are JSON; the test reads their bytes itself
		this.client.setMessageConverter(new ByteArrayMessageConverter() {
			{
				addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
			}
		});
		await().atMost(TIMEOUT)
			.until(() -> !this.registry.getListenerContainer(LiveEventsListener.CONSUMER_NAME)
				.getAssignedPartitions()
				.isEmpty());
	}

	@AfterEach
	void tearDown() {
		this.client.stop();
	}

	@Test
	void recordedAttendanceReachesTheDirectorsAndTheFacilitatorsOpenScreens() throws Exception {
		Caller director = this.fixtures.director();
		Caller therapist = this.fixtures.therapist();
		String program = this.fixtures.program(director);
		String group = this.fixtures.group(director, program, Fixtures.groupRequest(therapist.id()));
		String patient = this.fixtures.patient().id();
		this.fixtures.enrol(director, group, patient);
		String session = this.fixtures.firstSession(therapist, group);
		// subscriptions are authorised from the read model: wait until it knows the group
		await().atMost(TIMEOUT)
			.until(() -> this.api.get(therapist, "/api/sessions/dashboards/groups/" + group).status() == 200);

		BlockingQueue<Map<String, Object>> programFrames = new LinkedBlockingQueue<>();
		BlockingQueue<Map<String, Object>> groupFrames = new LinkedBlockingQueue<>();
		subscribe(connect(director), "/topic/programs/" + program, programFrames);
		subscribe(connect(therapist), "/topic/groups/" + group, groupFrames);

		Instant written = Instant.now();
		Api.Response recorded = this.api.put(therapist, "/api/sessions/sessions/" + session + "/attendance/" + patient,
				Map.of("status", "PRESENT"));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

		Map<String, Object> frame = awaitFrame(programFrames, "therapy.attendance.recorded.v1");
		assertThat(frame).containsEntry("groupId", group)
			.containsEntry("programId", program)
			.containsEntry("sessionId", session)
			.containsEntry("patientId", patient)
			.containsEntry("attendance", "PRESENT");
		assertThat(Duration.between(written, Instant.now())).isLessThan(TIMEOUT);
		assertThat(awaitFrame(groupFrames, "therapy.attendance.recorded.v1")).containsEntry("patientId", patient);
	}

	@Test
	void anotherDirectorsSubscriptionIsRefused() throws Exception {
		Caller director = this.fixtures.director();
		String program = this.fixtures.program(director);
		StompSession other = connect(this.fixtures.director());
		other.subscribe("/topic/programs/" + program, frames(new LinkedBlockingQueue<>()));

		await().atMost(TIMEOUT).until(() -> !other.isConnected());
	}

	@Test
	void aConnectWithoutAValidTokenIsRefused() {
		assertThatThrownBy(() -> connect(null, null)).isInstanceOf(ExecutionException.class);
		assertThatThrownBy(() -> connect("not-a-token", null)).isInstanceOf(ExecutionException.class);
	}

	@Test
	void aHandshakeFromAnotherOriginIsRefused() throws Exception {
		Caller director = this.fixtures.director();
		assertThat(connect(TestTokens.token(director), "https://app.example.test").isConnected()).isTrue();
		assertThatThrownBy(() -> connect(TestTokens.token(director), "https://evil.example.test"))
			.isInstanceOf(ExecutionException.class);
	}

	private StompSession connect(Caller caller) throws Exception {
		return connect(TestTokens.token(caller), null);
	}

	private StompSession connect(String token, String origin) throws Exception {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		if (origin != null) {
			handshake.setOrigin(origin);
		}
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("Authorization", "Bearer " + token);
		}
		CompletableFuture<StompSession> session = this.client.connectAsync(
				URI.create("ws://127.0.0.1:" + this.port + LiveConfig.ENDPOINT), handshake, connect,
				new StompSessionHandlerAdapter() {
				});
		return session.get(20, TimeUnit.SECONDS);
	}

	/** Subscribes and waits until the server holds the subscription. */
	private void subscribe(StompSession session, String destination, BlockingQueue<Map<String, Object>> frames) {
		session.subscribe(destination, frames(frames));
		await().atMost(TIMEOUT)
			.until(() -> !this.users.findSubscriptions((s) -> s.getDestination().equals(destination)).isEmpty());
	}

	private static StompFrameHandler frames(BlockingQueue<Map<String, Object>> frames) {
		return new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			@SuppressWarnings("unchecked")
			public void handleFrame(StompHeaders headers, Object payload) {
				try {
					frames.add(JSON.readValue(new String((byte[]) payload, StandardCharsets.UTF_8), Map.class));
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			}

		};
	}

	private static Map<String, Object> awaitFrame(BlockingQueue<Map<String, Object>> frames, String type)
			throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Object> frame = frames.poll(1, TimeUnit.SECONDS);
			if (frame != null && type.equals(frame.get("type"))) {
				return frame;
			}
		}
		throw new AssertionError("no frame of type " + type + " within " + TIMEOUT);
	}

}
