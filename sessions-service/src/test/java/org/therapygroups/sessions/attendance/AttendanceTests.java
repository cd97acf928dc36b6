package org.therapygroups.sessions.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;
import org.therapygroups.events.sessions.AttendanceRecorded;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attendance versions, the patient's check-in window and the completed session's event,
 * read back from the real broker.
 */
@ServiceTest
class AttendanceTests {

	/**
	 * The first session of the fixture group: Tuesday 1 September 2026 at 18:00 in
	 * Berlin.
	 */
	private static final Instant START = Instant.parse("2026-09-01T16:00:00Z");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private Fixtures fixtures;

	private Api api;

	private Caller therapist;

	private Caller ann;

	private Caller ben;

	private String group;

	private String session;

	@BeforeEach
	void world() {
		this.clock.set(ServiceTestConfig.NOW);
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		Caller director = this.fixtures.director();
		this.therapist = this.fixtures.therapist();
		this.group = this.fixtures.group(director, this.fixtures.program(director),
				Fixtures.groupRequest(this.therapist.id()));
		this.ann = this.fixtures.patient();
		this.ben = this.fixtures.patient();
		this.fixtures.enrol(this.ann, this.group, null);
		this.fixtures.enrol(this.ben, this.group, null);
		this.session = this.fixtures.firstSession(this.therapist, this.group);
	}

	@Test
	void aCorrectionIsANewVersionWithWhoWhenAndWhy() {
		this.clock.set(START.plusSeconds(60));
		Api.Response first = record(this.ann, Map.of("status", "PRESENT"));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat((Integer) first.json("$.version")).isEqualTo(1);
		Api.Response noReason = record(this.ann, Map.of("status", "LATE", "minutes", 20));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat((String) noReason.json("$.errors[0].field")).isEqualTo("reason");
		this.clock.advance(Duration.ofMinutes(5));
		Api.Response corrected = record(this.ann, Map.of("status", "LATE", "minutes", 20, "reason", "arrived 18:20"));
		assertThat((Integer) corrected.json("$.version")).isEqualTo(2);
		List<Map<String, Object>> history = this.api
			.get(this.ann, "/api/sessions/sessions/" + this.session + "/attendance/" + this.ann.id() + "/history")
			.json("$");
		assertThat(history).extracting((h) -> h.get("status")).containsExactly("PRESENT", "LATE");
		assertThat(history.get(1)).containsEntry("reason", "arrived 18:20")
			.containsEntry("recordedBy", this.therapist.id())
			.containsEntry("minutes", 20);
		assertThat(history.get(0)).containsEntry("recordedAt", START.plusSeconds(60).toString());
	}

	@Test
	void aCorrectionWithSeveralMistakesNamesThemAllAtOnce() {
		this.clock.set(START.plusSeconds(60));
		assertThat(record(this.ann, Map.of("status", "PRESENT")).status()).isEqualTo(200);
		Api.Response refused = record(this.ann, Map.of("status", "LATE"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		List<String> pointers = refused.json("$.errors[*].pointer");
		assertThat(pointers).containsExactly("/minutes", "/reason");
	}

	@Test
	void attendanceIsOnlyForMembersOfThatSessionAndInAValidForm() {
		this.clock.set(START.plusSeconds(60));
		Caller stranger = this.fixtures.patient();
		Api.Response notMember = record(stranger, Map.of("status", "PRESENT"));
		assertThat(notMember.status()).isEqualTo(400);
		assertThat((String) notMember.json("$.errors[0].field")).isEqualTo("patientId");
		assertThat(record(this.ann, Map.of("status", "LATE")).status()).isEqualTo(400);
		assertThat(record(this.ann, Map.of("status", "LATE", "minutes", 500)).status()).isEqualTo(400);
		assertThat(record(this.ann, Map.of("status", "PRESENT", "minutes", 5)).status()).isEqualTo(400);
		assertThat(record(this.ann, Map.of("status", "SLEEPING")).status()).isEqualTo(400);
		// someone who joins later is not on this session's roster, but on the next one's
		this.clock.set(START.plus(Duration.ofDays(2)));
		Caller late = this.fixtures.patient();
		this.fixtures.enrol(late, this.group, null);
		assertThat(record(late, Map.of("status", "EXCUSED")).status()).isEqualTo(400);
		String next = (String) this.fixtures.sessions(this.therapist, this.group).get(1).get("id");
		assertThat(this.api
			.put(this.therapist, "/api/sessions/sessions/" + next + "/attendance/" + late.id(),
					Map.of("status", "CANCELLED_BY_PATIENT"))
			.status()).isEqualTo(200);
		assertThat(this.api.get(this.therapist, "/api/sessions/sessions/" + this.session + "/attendance")
			.<List<?>>json("$")).hasSize(2);
	}

	@Test
	void aRosterIsRecordedInOneWriteWithAnEventPerMember() {
		this.clock.set(START.plusSeconds(60));
		Api.Response recorded = roster(List.of(Map.of("patientId", this.ann.id(), "status", "PRESENT"),
				Map.of("patientId", this.ben.id(), "status", "LATE", "minutes", 10)));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		List<Map<String, Object>> views = recorded.json("$");
		assertThat(views).extracting((v) -> v.get("patientId"), (v) -> v.get("status"), (v) -> v.get("version"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(this.ann.id(), "PRESENT", 1),
					org.assertj.core.groups.Tuple.tuple(this.ben.id(), "LATE", 1));
		List<CloudEvent> events = eventsOf(this.group, EventTypes.Sessions.ATTENDANCE_RECORDED);
		assertThat(events).hasSize(2);
		assertThat(events).extracting((e) -> Events.payload(e, AttendanceRecorded.class).patientId())
			.containsExactlyInAnyOrder(this.ann.id(), this.ben.id());

		// a second roster corrects: each correction says why
		Api.Response noReason = roster(List.of(Map.of("patientId", this.ann.id(), "status", "EXCUSED")));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.<List<String>>json("$.errors[*].pointer")).containsExactly("/records/0/reason");
		Api.Response corrected = roster(
				List.of(Map.of("patientId", this.ann.id(), "status", "EXCUSED", "reason", "called in sick")));
		assertThat((Integer) corrected.json("$[0].version")).isEqualTo(2);
	}

	@Test
	void aRosterWithAnyMistakeRecordsNothingAndNamesEveryMistake() {
		this.clock.set(START.plusSeconds(60));
		Caller stranger = this.fixtures.patient();
		Api.Response refused = roster(List.of(Map.of("patientId", this.ann.id(), "status", "PRESENT"),
				Map.of("patientId", stranger.id(), "status", "PRESENT"),
				Map.of("patientId", this.ben.id(), "status", "LATE"),
				Map.of("patientId", this.ann.id(), "status", "SLEEPING")));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.<List<String>>json("$.errors[*].pointer")).containsExactly("/records/1/patientId",
				"/records/2/minutes", "/records/3/status", "/records/3/patientId");
		assertThat(this.api.get(this.therapist, "/api/sessions/sessions/" + this.session + "/attendance")
			.<List<String>>json("$[*].status")).containsOnly("NOT_RECORDED");

		assertThat(roster(List.of()).status()).isEqualTo(400);
		assertThat(this.api.put(this.therapist, "/api/sessions/sessions/" + this.session + "/attendance", Map.of())
			.status()).isEqualTo(400);
		List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
		for (int i = 0; i <= 100; i++) {
			tooMany.add(Map.of("patientId", this.ann.id(), "status", "PRESENT"));
		}
		assertThat(roster(tooMany).status()).isEqualTo(400);
		assertThat(eventsOf(this.group, null)).extracting(CloudEvent::getType)
			.doesNotContain(EventTypes.Sessions.ATTENDANCE_RECORDED);
	}

	@Test
	void aPatientChecksInFromFifteenMinutesBeforeToTenAfterTheStart() {
		String checkIn = "/api/sessions/sessions/" + this.session + "/check-in";
		this.clock.set(START.minus(Duration.ofMinutes(16)));
		Api.Response early = this.api.post(this.ann, checkIn, null);
		assertThat(early.status()).isEqualTo(409);
		assertThat((String) early.json("$.opensAt")).isEqualTo(START.minus(Duration.ofMinutes(15)).toString());
		this.clock.set(START.minus(Duration.ofMinutes(14)));
		Api.Response onTime = this.api.post(this.ann, checkIn, null);
		assertThat((String) onTime.json("$.status")).isEqualTo("PRESENT");
		assertThat((String) onTime.json("$.source")).isEqualTo("SELF_CHECK_IN");
		assertThat(this.api.post(this.ann, checkIn, null).status()).isEqualTo(409);
		this.clock.set(START.plus(Duration.ofMinutes(7)).plusSeconds(10));
		Api.Response late = this.api.post(this.ben, checkIn, null);
		assertThat((String) late.json("$.status")).isEqualTo("LATE");
		assertThat((Integer) late.json("$.minutes")).isEqualTo(8);
		this.clock.set(START.plus(Duration.ofMinutes(10)).plusSeconds(1));
		assertThat(this.api.post(this.fixtures.patient(), checkIn, null).status()).isEqualTo(403);
		Caller lateJoiner = this.fixtures.patient();
		assertThat(this.api.post(lateJoiner, checkIn, null).status()).isEqualTo(403);
		// a patient only sees their own line
		List<Map<String, Object>> own = this.api.get(this.ben, "/api/sessions/sessions/" + this.session + "/attendance")
			.json("$");
		assertThat(own).singleElement().satisfies((line) -> assertThat(line).containsEntry("patientId", this.ben.id()));
	}

	@Test
	void completingTheSessionPublishesItsRosterWithAttendance() {
		this.clock.set(START.minus(Duration.ofMinutes(5)));
		assertThat(this.api.post(this.ann, "/api/sessions/sessions/" + this.session + "/check-in", null).status())
			.isEqualTo(200);
		Api.Response started = this.api.post(this.therapist, "/api/sessions/sessions/" + this.session + "/start", null);
		assertThat((String) started.json("$.status")).isEqualTo("IN_PROGRESS");
		this.clock.set(START.plus(Duration.ofMinutes(90)));
		Api.Response completed = this.api.post(this.therapist, "/api/sessions/sessions/" + this.session + "/complete",
				null);
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat((String) completed.json("$.status")).isEqualTo("COMPLETED");
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + this.session + "/complete", null).status())
			.isEqualTo(409);

		List<CloudEvent> events = eventsOf(this.group, EventTypes.Sessions.SESSION_COMPLETED);
		assertThat(events).hasSize(1);
		SessionCompleted payload = Events.payload(events.get(0), SessionCompleted.class);
		assertThat(payload.sessionId()).isEqualTo(this.session);
		assertThat(payload.modality()).isEqualTo("PSYCHODYNAMIC");
		assertThat(payload.facilitatorIds()).containsExactly(this.therapist.id());
		assertThat(payload.roster()).containsExactlyInAnyOrder(new RosterEntry(this.ann.id(), AttendanceStatus.PRESENT),
				new RosterEntry(this.ben.id(), AttendanceStatus.NOT_RECORDED));
		List<CloudEvent> all = eventsOf(this.group, null);
		assertThat(all).extracting(CloudEvent::getType)
			.contains(EventTypes.Sessions.GROUP_CREATED, EventTypes.Sessions.SESSION_SCHEDULED,
					EventTypes.Sessions.MEMBERSHIP_JOINED, EventTypes.Sessions.ATTENDANCE_RECORDED,
					EventTypes.Sessions.SESSION_STARTED);
		// nothing waits in an outbox once everything is published
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.mongo.count(org.springframework.data.mongodb.core.query.Query
				.query(org.springframework.data.mongodb.core.query.Criteria.where("groupId")
					.is(this.group)
					.and("outbox.0")
					.exists(true)), "sessions") == 0);
	}

	private Api.Response roster(List<Map<String, Object>> records) {
		return this.api.put(this.therapist, "/api/sessions/sessions/" + this.session + "/attendance",
				Map.of("records", records));
	}

	private Api.Response record(Caller patient, Map<String, Object> body) {
		return this.api.put(this.therapist, "/api/sessions/sessions/" + this.session + "/attendance/" + patient.id(),
				body);
	}

	/**
	 * The group's events on the topic (all are keyed by the group id), waiting until one
	 * of the type arrives.
	 */
	private List<CloudEvent> eventsOf(String groupId, String awaitedType) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + java.util.UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StructuredCloudEventDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSIONS));
			long deadline = System.currentTimeMillis() + 20_000;
			boolean seen = awaitedType == null;
			long quietUntil = System.currentTimeMillis() + 3_000;
			while (System.currentTimeMillis() < deadline && (!seen || System.currentTimeMillis() < quietUntil)) {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(300))) {
					if (groupId.equals(record.key())) {
						found.add(record.value());
						seen |= record.value().getType().equals(awaitedType);
					}
				}
			}
		}
		return (awaitedType != null) ? found.stream().filter((e) -> e.getType().equals(awaitedType)).toList() : found;
	}

}
