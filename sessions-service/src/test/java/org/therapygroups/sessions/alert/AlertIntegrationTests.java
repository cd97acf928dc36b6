package org.therapygroups.sessions.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.sessions.AlertRulesChanged;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Engagement alerts raised from attendance recorded through the API, carried through the
 * real broker into the read model: once per episode, to the facilitators and the
 * director's at-risk list, cleared when the patient attends, resolved with an outcome,
 * announced on the topic.
 */
@ServiceTest
class AlertIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Instant FIRST = Instant.parse("2026-09-01T16:00:00Z");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrap;

	private Api api;

	private Fixtures fixtures;

	private Caller director;

	private Caller therapist;

	private String programId;

	private String groupId;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		this.clock.set(ServiceTestConfig.NOW);
		this.director = this.fixtures.director();
		this.therapist = this.fixtures.therapist();
		this.programId = this.fixtures.program(this.director);
		this.groupId = this.fixtures.group(this.director, this.programId, Fixtures.groupRequest(this.therapist.id()));
	}

	@AfterEach
	void resetClock() {
		this.clock.set(ServiceTestConfig.NOW);
	}

	@Test
	void twoMissesRaiseOneAlertPerEpisodeWhichClearsOnAttendanceOrIsResolved() {
		String stays = this.fixtures.patient().id();
		String drifts = this.fixtures.patient().id();
		this.fixtures.enrol(this.director, this.groupId, stays);
		this.fixtures.enrol(this.director, this.groupId, drifts);
		List<Map<String, Object>> sessions = this.fixtures.sessions(this.therapist, this.groupId);
		String first = (String) sessions.get(0).get("id");
		String second = (String) sessions.get(1).get("id");
		String third = (String) sessions.get(2).get("id");

		record(first, stays, "NO_SHOW", FIRST);
		record(first, drifts, "NO_SHOW", FIRST);
		record(second, stays, "NO_SHOW", FIRST.plus(Duration.ofDays(7)));
		record(second, drifts, "LATE_CANCELLATION", FIRST.plus(Duration.ofDays(7)));

		List<Map<String, Object>> open = awaitAlerts(this.director, "OPEN", 2);
		assertThat(open).extracting((a) -> a.get("rule")).containsOnly("CONSECUTIVE_MISSED");
		assertThat(open).extracting((a) -> a.get("patientId")).containsExactlyInAnyOrder(stays, drifts);
		// the facilitator sees them too; the patient's name comes from the directory
		assertThat(alerts(this.therapist, "OPEN")).hasSize(2);
		assertThat(open.get(0).get("patientName")).asString().startsWith("patient ");

		// a third miss is the same episode: no second alert of the same rule
		record(third, drifts, "NO_SHOW", FIRST.plus(Duration.ofDays(14)));
		record(third, stays, "PRESENT", FIRST.plus(Duration.ofDays(14)));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(alerts(this.director, "CLEARED")).extracting((a) -> a.get("patientId"))
				.containsExactly(stays));
		List<Map<String, Object>> all = alerts(this.director, null);
		assertThat(all.stream()
			.filter((a) -> drifts.equals(a.get("patientId")) && "CONSECUTIVE_MISSED".equals(a.get("rule")))
			.count()).isEqualTo(1);

		String alertId = (String) open.stream()
			.filter((a) -> drifts.equals(a.get("patientId")))
			.findFirst()
			.orElseThrow()
			.get("id");
		Api.Response noText = this.api.post(this.therapist, "/api/sessions/alerts/" + alertId + "/resolve",
				Map.of("outcome", "OTHER"));
		assertThat(noText.status()).isEqualTo(400);
		assertThat(noText.contentType()).startsWith("application/problem+json");
		Api.Response resolved = this.api.post(this.therapist, "/api/sessions/alerts/" + alertId + "/resolve",
				Map.of("outcome", "RESCHEDULED"));
		assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
		assertThat(resolved.<String>json("$.status")).isEqualTo("RESOLVED");
		assertThat(resolved.<String>json("$.resolvedBy")).isEqualTo(this.therapist.id());
		assertThat(this.api
			.post(this.director, "/api/sessions/alerts/" + alertId + "/resolve", Map.of("outcome", "REACHED"))
			.status()).isEqualTo(409);

		List<String> types = alertEventTypes(alertId);
		assertThat(types).contains(EventTypes.Sessions.ALERT_RAISED, EventTypes.Sessions.ALERT_RESOLVED);
	}

	@Test
	void directorsEditTheirProgramsRules() {
		Api.Response defaults = this.api.get(this.director, rules());
		assertThat(defaults.<Integer>json("$.consecutiveMissed")).isEqualTo(2);
		assertThat(defaults.<Integer>json("$.minAttendancePercent")).isEqualTo(50);
		assertThat(defaults.<Integer>json("$.windowWeeks")).isEqualTo(4);
		assertThat(defaults.<Integer>json("$.silentDays")).isEqualTo(14);

		Api.Response changed = this.api.put(this.director, rules(), Map.of("consecutiveMissed", 3));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(this.api.get(this.director, rules()).<Integer>json("$.consecutiveMissed")).isEqualTo(3);
		assertThat(this.api.get(this.director, rules()).<Integer>json("$.silentDays")).isEqualTo(14);

		CloudEvent announced = ruleChangeEvent();
		assertThat(announced.getType()).isEqualTo(EventTypes.Sessions.ALERT_RULES_CHANGED);
		AlertRulesChanged payload = Events.payload(announced, AlertRulesChanged.class);
		assertThat(payload.consecutiveMissed()).isEqualTo(3);
		assertThat(payload.silentDays()).isEqualTo(14);
		assertThat(payload.actorId()).isEqualTo(this.director.id());

		Api.Response invalid = this.api.put(this.director, rules(), Map.of("windowWeeks", 0));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.<String>json("$.errors[0].field")).isEqualTo("windowWeeks");
		assertThat(this.api.put(this.therapist, rules(), Map.of("consecutiveMissed", 1)).status()).isEqualTo(403);
		assertThat(this.api.put(this.fixtures.director(), rules(), Map.of("consecutiveMissed", 1)).status())
			.isEqualTo(403);
	}

	private String rules() {
		return "/api/sessions/programs/" + this.programId + "/alert-rules";
	}

	private void record(String sessionId, String patientId, String status, Instant sessionStart) {
		this.clock.set(sessionStart.plus(Duration.ofMinutes(5)));
		Api.Response response = this.api.put(this.therapist,
				"/api/sessions/sessions/" + sessionId + "/attendance/" + patientId, Map.of("status", status));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private List<Map<String, Object>> alerts(Caller caller, String status) {
		String query = (caller.role().equals("director") ? "?programId=" + this.programId : "?x=")
				+ ((status != null) ? "&status=" + status : "");
		Api.Response response = this.api.get(caller, "/api/sessions/alerts" + query);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<Map<String, Object>> all = response.json("$");
		return all.stream().filter((a) -> this.groupId.equals(a.get("groupId"))).toList();
	}

	private List<Map<String, Object>> awaitAlerts(Caller caller, String status, int count) {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(alerts(caller, status)).hasSize(count));
		return alerts(caller, status);
	}

	/** The rule change on sessions.events, keyed by its program. */
	private CloudEvent ruleChangeEvent() {
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"alert-rules-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StructuredCloudEventDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSIONS));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					if (this.programId.equals(record.key())) {
						found.add(record.value());
					}
				}
				assertThat(found).isNotEmpty();
			});
		}
		return found.get(0);
	}

	private List<String> alertEventTypes(String alertId) {
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"alert-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StructuredCloudEventDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSIONS));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					if (alertId.equals(record.value().getSubject())) {
						assertThat(record.key()).isEqualTo(this.groupId);
						types.add(record.value().getType());
					}
				}
				assertThat(types).contains(EventTypes.Sessions.ALERT_RESOLVED);
			});
		}
		return types;
	}

}
