package org.therapygroups.sessions.dashboard;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.events.EventJson;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.CloudEventRecords;
import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.events.sessions.AttendanceRecorded;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards fed through the real broker from what the API writes (and from
 * notes-service's events), stored on the real MongoDB wire-protocol server: figures,
 * drill-down, CSV, duplicates and a rebuild from the topics.
 */
@ServiceTest
class DashboardIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** The first session of the fixture group: Tuesday 1 September 2026, 18:00 Berlin. */
	private static final Instant FIRST = Instant.parse("2026-09-01T16:00:00Z");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	@Autowired
	private KafkaTemplate<String, CloudEvent> kafka;

	@Autowired
	private DashboardEventsListener listener;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private Api api;

	private Fixtures fixtures;

	private Caller director;

	private Caller therapist;

	private String programId;

	private String groupId;

	private String patientA;

	private String patientB;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		this.clock.set(ServiceTestConfig.NOW);
		this.director = this.fixtures.director();
		this.therapist = this.fixtures.therapist();
		this.programId = this.fixtures.program(this.director);
		this.groupId = this.fixtures.group(this.director, this.programId, Fixtures.groupRequest(this.therapist.id()));
		this.patientA = this.fixtures.patient().id();
		this.patientB = this.fixtures.patient().id();
		this.fixtures.enrol(this.director, this.groupId, this.patientA);
		this.fixtures.enrol(this.director, this.groupId, this.patientB);
	}

	@AfterEach
	void resetClock() {
		this.clock.set(ServiceTestConfig.NOW);
	}

	@Test
	void recordedAttendanceAndSignedNotesBecomeFiguresWithDrillDownAndCsv() throws Exception {
		String first = this.fixtures.firstSession(this.therapist, this.groupId);
		record(first, this.patientA, "LATE");
		record(first, this.patientB, "NO_SHOW");
		this.clock.set(FIRST.plus(Duration.ofMinutes(95)));
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + first + "/complete", null).status())
			.isEqualTo(200);

		Map<String, Object> totals = awaitTotals("$.totals.noShow", 1);
		assertThat(totals).containsEntry("sessionsHeld", 1)
			.containsEntry("attended", 1)
			.containsEntry("late", 1)
			.containsEntry("seatsScheduled", 8 * this.sessionsInRange())
			.containsEntry("attendanceRate", 0.5)
			.containsEntry("noShowRate", 0.5)
			.containsEntry("utilisation", 0.125)
			.containsEntry("averageGroupSize", 1.0)
			.containsEntry("notesSignedWithin72h", 0);
		assertThat(programView().<Integer>json("$.totals.members.activeMembers")).isEqualTo(2);
		assertThat(programView().<Integer>json("$.totals.members.newMembers")).isEqualTo(2);

		// notes-service's events, one of them delivered twice
		Instant endsAt = FIRST.plus(Duration.ofMinutes(90));
		publish(new NoteDrafted(UUID.randomUUID().toString(), first, this.groupId, this.programId, "DRAFT", null,
				endsAt, endsAt));
		CloudEvent signed = Events.create(EventSources.NOTES_SERVICE, new NoteSigned(UUID.randomUUID().toString(),
				first, this.groupId, "SIGNED", this.therapist.id(), false, endsAt, endsAt.plus(Duration.ofHours(2))));
		publish(signed);
		publish(signed);
		awaitTotals("$.totals.notesSignedWithin72h", 1);

		// drill-down: program → group → session → member
		Api.Response program = programView();
		assertThat(program.<String>json("$.groups[0].groupId")).isEqualTo(this.groupId);
		Api.Response group = this.api.get(this.therapist,
				"/api/sessions/dashboards/groups/" + this.groupId + "?from=2026-09-01&to=2026-09-07");
		assertThat(group.status()).as(group.toString()).isEqualTo(200);
		assertThat(group.<String>json("$.sessions[0].sessionId")).isEqualTo(first);
		assertThat(group.<Integer>json("$.sessions[0].figures.attended")).isEqualTo(1);
		Api.Response session = this.api.get(this.director, "/api/sessions/dashboards/sessions/" + first);
		assertThat(session.<List<String>>json("$.members[*].attendance")).containsExactlyInAnyOrder("LATE", "NO_SHOW");
		assertThat(session.<String>json("$.noteStatus")).isEqualTo("SIGNED");
		Api.Response member = this.api.get(this.director,
				"/api/sessions/dashboards/groups/" + this.groupId + "/members/" + this.patientB);
		assertThat(member.<Integer>json("$.missed")).isEqualTo(1);
		assertThat(member.<String>json("$.visits[0].sessionId")).isEqualTo(first);

		// CSV: header, one row per group and period, ISO dates
		Api.Response csv = this.api.get(this.director, "/api/sessions/dashboards/programs/" + this.programId
				+ "/export.csv?from=2026-09-01&to=2026-09-07&groupBy=week");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(CsvExport.HEADER);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).startsWith(
				this.programId + "," + this.groupId + ",Tuesday aftercare,PSYCHODYNAMIC," + "2026-W36,2026-08-31,");
		assertThat(lines.get(1).split(",", -1)).hasSize(CsvExport.HEADER.split(",").length);
	}

	@Test
	void aCorrectionReplacesTheEarlierStatusAndARebuildFromTheTopicsGivesTheSameFigures() {
		String first = this.fixtures.firstSession(this.therapist, this.groupId);
		record(first, this.patientA, "PRESENT");
		Api.Response corrected = this.api.put(this.therapist,
				"/api/sessions/sessions/" + first + "/attendance/" + this.patientA,
				Map.of("status", "EXCUSED", "reason", "recorded for the wrong person"));
		assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
		Map<String, Object> before = awaitTotals("$.totals.excused", 1);
		assertThat(before).containsEntry("attended", 0);

		this.listener.rebuild();

		// the replay reads every event of the shared test context's topics again
		await().atMost(Duration.ofMinutes(5))
			.untilAsserted(() -> assertThat(programView().<Map<String, Object>>json("$.totals")).isEqualTo(before));
	}

	@Test
	void aRosterIsAppliedTogetherPastEventsThatCannotBeAndItsEventsDeliveredAgainChangeNothing() throws Exception {
		String first = this.fixtures.firstSession(this.therapist, this.groupId);
		// on the group's partition before the roster: a record that is no CloudEvent and
		// an attendance event whose payload does not fit; both are parked, neither
		// holds the roster up
		byte[] garbage = ("not a cloud event " + this.groupId).getBytes(StandardCharsets.UTF_8);
		CloudEvent unfit = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withSource(URI.create(EventSources.SESSIONS_SERVICE))
			.withType(EventTypes.Sessions.ATTENDANCE_RECORDED)
			.withSubject(this.groupId)
			.withDataContentType(Events.DATA_CONTENT_TYPE)
			.withData(Events.DATA_CONTENT_TYPE, ("{\"sessionId\":\"" + first + "\"}").getBytes(StandardCharsets.UTF_8))
			.build();
		Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.broker.getBrokersAsString());
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producer, new StringSerializer(),
				new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>(Topics.SESSIONS, this.groupId, garbage)).get(10, TimeUnit.SECONDS);
		}
		this.kafka.send(new ProducerRecord<>(Topics.SESSIONS, this.groupId, unfit)).get(10, TimeUnit.SECONDS);

		Api.Response roster = this.api.put(this.therapist, "/api/sessions/sessions/" + first + "/attendance",
				Map.of("records", List.of(Map.of("patientId", this.patientA, "status", "PRESENT"),
						Map.of("patientId", this.patientB, "status", "NO_SHOW"))));
		assertThat(roster.status()).as(roster.toString()).isEqualTo(200);
		Map<String, Object> counted = awaitTotals("$.totals.noShow", 1);
		assertThat(counted).containsEntry("attended", 1).containsEntry("sessionsHeld", 1);
		Api.Response member = this.api.get(this.director,
				"/api/sessions/dashboards/groups/" + this.groupId + "/members/" + this.patientB);
		assertThat(member.<String>json("$.visits[0].sessionId")).isEqualTo(first);
		List<ConsumerRecord<String, byte[]>> parked = deadLetters(this.groupId, 2);
		assertThat(parked).extracting(ConsumerRecord::value).contains(garbage);
		assertThat(parked).extracting((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.anyMatch((value) -> value.contains(unfit.getId()));

		// the roster's events again, as after a crash before their offsets were
		// committed, and an older version of patient A's row: applied again, they change
		// nothing
		List<ConsumerRecord<String, CloudEvent>> again = attendanceEvents(first, unfit.getId(), 2);
		CloudEvent older = Events.create(EventSources.SESSIONS_SERVICE, new AttendanceRecorded(first, this.groupId,
				this.patientA, AttendanceStatus.NO_SHOW, null, 0, "FACILITATOR", this.therapist.id(), FIRST));
		List<ConsumerRecord<String, CloudEvent>> redelivered = new ArrayList<>(again);
		redelivered.add(new ConsumerRecord<>(Topics.SESSIONS, 0, 0, this.groupId, older));
		this.listener.on(redelivered);
		assertThat(programView().<Map<String, Object>>json("$.totals")).isEqualTo(counted);
	}

	@Test
	void filtersAndPeriodsSplitTheFigures() {
		String first = this.fixtures.firstSession(this.therapist, this.groupId);
		record(first, this.patientA, "PRESENT");
		awaitTotals("$.totals.attended", 1);

		Api.Response otherModality = this.api.get(this.director,
				"/api/sessions/dashboards/programs/" + this.programId + "?from=2026-09-01&to=2026-09-30&modality=CBT");
		Api.Response byMonth = this.api.get(this.director, "/api/sessions/dashboards/programs/" + this.programId
				+ "?from=2026-08-01&to=2026-09-30&groupBy=month&facilitatorId=" + this.therapist.id());

		assertThat(otherModality.<List<Object>>json("$.groups")).isEmpty();
		assertThat(otherModality.<Integer>json("$.totals.attended")).isZero();
		assertThat(byMonth.<List<String>>json("$.periods[*].period")).containsExactly("2026-09");
		assertThat(byMonth.<Integer>json("$.periods[0].figures.attended")).isEqualTo(1);
	}

	private int sessionsInRange() {
		// Tuesdays 1 September only, in 1 to 7 September
		return 1;
	}

	private void record(String sessionId, String patientId, String status) {
		Api.Response response = this.api.put(this.therapist,
				"/api/sessions/sessions/" + sessionId + "/attendance/" + patientId,
				"LATE".equals(status) ? Map.of("status", status, "minutes", 10) : Map.of("status", status));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private Api.Response programView() {
		Api.Response response = this.api.get(this.director,
				"/api/sessions/dashboards/programs/" + this.programId + "?from=2026-09-01&to=2026-09-07");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private Map<String, Object> awaitTotals(String path, int expected) {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(programView().<Integer>json(path)).isEqualTo(expected));
		return programView().json("$.totals");
	}

	private void publish(org.therapygroups.events.EventPayload payload) throws Exception {
		publish(Events.create(EventSources.NOTES_SERVICE, payload));
	}

	private void publish(CloudEvent event) throws Exception {
		this.kafka.send(CloudEventRecords.toRecord(event)).get(10, TimeUnit.SECONDS);
	}

	/** The first {@code count} dead letters of sessions.events keyed {@code key}. */
	private List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(reader(), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.SESSIONS)));
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (key.equals(record.key())) {
						records.add(record);
					}
				});
				return records.size() >= count;
			});
		}
		return records;
	}

	/** The attendance events of a session as they are on sessions.events. */
	private List<ConsumerRecord<String, CloudEvent>> attendanceEvents(String sessionId, String unfitId, int count) {
		List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(reader(), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSIONS));
			await().atMost(TIMEOUT).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (!this.groupId.equals(record.key())
							|| new String(record.value(), StandardCharsets.UTF_8).startsWith("not a cloud event")) {
						continue;
					}
					CloudEvent event = EventJson.fromBytes(record.value());
					if (EventTypes.Sessions.ATTENDANCE_RECORDED.equals(event.getType())
							&& !event.getId().equals(unfitId)
							&& sessionId.equals(Events.payload(event, AttendanceRecorded.class).sessionId())) {
						records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
								record.key(), event));
					}
				}
				return records.size() >= count;
			});
		}
		return records;
	}

	private Map<String, Object> reader() {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
	}

}
