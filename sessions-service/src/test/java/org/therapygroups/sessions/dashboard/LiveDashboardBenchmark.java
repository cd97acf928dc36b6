package org.therapygroups.sessions.dashboard;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.therapygroups.events.Topics;
import org.therapygroups.events.idempotency.MongoProcessedEvents;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTestConfig;
import org.therapygroups.sessions.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live part of {@code ./bench dashboards}, on the running service (Tomcat, STOMP over
 * a real WebSocket, the in-process Kafka broker, mongo-java-server): attendance written
 * through the API, one write at a time, and the time until the director's subscribed
 * client receives its frame ({@code -Dbench.writes=N}, 1,000 by default); then the read
 * model rebuilt from the topics ({@link DashboardEventsListener#rebuild()}) and the rate
 * at which it applies the events again. Not part of {@code ./test}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "therapy.outbox.interval=200ms", "therapy.live.allowed-origins=https://app.example.test" })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS, Topics.NOTES },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import({ ServiceTestConfig.class, TestTokens.class })
@ContextConfiguration(initializers = ServiceTestConfig.Initializer.class)
class LiveDashboardBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int MEMBERS = 8;

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

	@Autowired
	private DashboardEventsListener listener;

	@Test
	void writeToFrameAndRebuild() throws Exception {
		int writes = Integer.getInteger("bench.writes", 1000);
		Api api = new Api(this.mvc);
		Fixtures fixtures = new Fixtures(this.mongo, api);
		this.clock.set(ServiceTestConfig.NOW);
		await().atMost(TIMEOUT)
			.until(() -> !this.registry.getListenerContainer("sessions-service.live")
				.getAssignedPartitions()
				.isEmpty());
		Caller director = fixtures.director();
		Caller therapist = fixtures.therapist();
		String program = fixtures.program(director);
		String group = fixtures.group(director, program, Fixtures.groupRequest(therapist.id()));
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			String patient = fixtures.patient().id();
			fixtures.enrol(director, group, patient);
			patients.add(patient);
		}
		List<String> sessions = fixtures.sessions(therapist, group).stream().map((s) -> (String) s.get("id")).toList();
		// every session has begun: attendance may be recorded for all of them
		this.clock.set(ServiceTestConfig.NOW.plus(Duration.ofDays(400)));
		await().atMost(TIMEOUT)
			.until(() -> api.get(therapist, "/api/sessions/dashboards/groups/" + group).status() == 200);

		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new ByteArrayMessageConverter() {
			{
				addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
			}
		});
		BlockingQueue<Map<String, Object>> frames = new LinkedBlockingQueue<>();
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + TestTokens.token(director));
		StompSession screen = client.connectAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws/dashboard"),
				new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
				})
			.get(20, TimeUnit.SECONDS);
		String destination = "/topic/programs/" + program;
		screen.subscribe(destination, frames(frames));
		await().atMost(TIMEOUT)
			.until(() -> !this.users.findSubscriptions((s) -> s.getDestination().equals(destination)).isEmpty());

		int warmUp = Math.min(50, writes);
		long[] latency = new long[writes];
		long[] write = new long[writes];
		for (int i = 0; i < warmUp + writes; i++) {
			String session = sessions.get((i / MEMBERS) % sessions.size());
			String patient = patients.get(i % MEMBERS);
			int round = i / (MEMBERS * sessions.size());
			String status = (round % 2 == 0) ? "PRESENT" : "LATE";
			Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("status", status));
			if ("LATE".equals(status)) {
				body.put("minutes", 10);
			}
			if (round > 0) {
				body.put("reason", "benchmark correction");
			}
			long a = System.nanoTime();
			Api.Response recorded = api.put(therapist, "/api/sessions/sessions/" + session + "/attendance/" + patient,
					body);
			long b = System.nanoTime();
			assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
			awaitFrame(frames, session, patient, status);
			long c = System.nanoTime();
			if (i >= warmUp) {
				write[i - warmUp] = b - a;
				latency[i - warmUp] = c - a;
			}
		}
		screen.disconnect();
		client.stop();

		// the read model has applied everything: its processed ids (every event but
		// attendance, which is applied by its version) stop growing; the attendance it
		// holds then is what the rebuild must reach again
		Query applied = Query.query(Criteria.where("consumer").is(DashboardEventsListener.CONSUMER_NAME));
		long others = settled(applied);
		Map<String, Map<String, SessionModel.Seat>> seats = recordedSeats();
		long r0 = System.nanoTime();
		this.listener.rebuild();
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.mongo.count(applied, MongoProcessedEvents.DEFAULT_COLLECTION) > 0);
		long r1 = System.nanoTime();
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.mongo.count(applied, MongoProcessedEvents.DEFAULT_COLLECTION) == others
					&& recordedSeats().equals(seats));
		long r2 = System.nanoTime();
		long events = others + warmUp + writes;
		double rebuildSeconds = (r2 - r0) / 1e9;
		double applySeconds = (r2 - r1) / 1e9;

		System.out.println();
		System.out.println("== live dashboards benchmark ==");
		System.out.printf(
				"attendance write (API) -> frame on a subscribed STOMP client, %,d writes one at a time: p50 %.1f ms, p99 %.1f ms (the write alone: p50 %.1f ms, p99 %.1f ms)%n",
				writes, DashboardBenchmark.percentile(latency, 50), DashboardBenchmark.percentile(latency, 99),
				DashboardBenchmark.percentile(write, 50), DashboardBenchmark.percentile(write, 99));
		System.out.printf(
				"read model rebuilt from the topics: %,d events (%,d attendance) in %.1f s (%.1f s of it until the consumer's first event, then %,.0f events/s): %,.0f events/s%n",
				events, warmUp + writes, rebuildSeconds, (r1 - r0) / 1e9, (events - 1) / applySeconds,
				events / rebuildSeconds);
	}

	/**
	 * Every member's attendance (status and version) in every session of the read model.
	 */
	private Map<String, Map<String, SessionModel.Seat>> recordedSeats() {
		Map<String, Map<String, SessionModel.Seat>> seats = new HashMap<>();
		this.mongo.findAll(SessionModel.class).forEach((session) -> seats.put(session.id(), session.attendance()));
		return seats;
	}

	private long settled(Query applied) throws InterruptedException {
		long last = -1;
		long now = this.mongo.count(applied, MongoProcessedEvents.DEFAULT_COLLECTION);
		while (now != last) {
			Thread.sleep(2000);
			last = now;
			now = this.mongo.count(applied, MongoProcessedEvents.DEFAULT_COLLECTION);
		}
		return now;
	}

	private static void awaitFrame(BlockingQueue<Map<String, Object>> frames, String session, String patient,
			String status) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Map<String, Object> frame = frames.poll(100, TimeUnit.MILLISECONDS);
			if (frame != null && session.equals(frame.get("sessionId")) && patient.equals(frame.get("patientId"))
					&& status.equals(frame.get("attendance"))) {
				return;
			}
		}
		throw new AssertionError("no frame for " + session + " " + patient + " " + status);
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

}
