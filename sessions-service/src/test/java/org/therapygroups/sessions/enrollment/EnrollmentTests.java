package org.therapygroups.sessions.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** Membership episodes, waitlists and promotion on the real stores. */
@ServiceTest
class EnrollmentTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	private Fixtures fixtures;

	private Api api;

	private Caller director;

	private Caller therapist;

	private String program;

	@BeforeEach
	void world() {
		this.clock.set(ServiceTestConfig.NOW);
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		this.director = this.fixtures.director();
		this.therapist = this.fixtures.therapist();
		this.program = this.fixtures.program(this.director);
	}

	@Test
	void aFullGroupWaitlistsInOrderAndPromotesTheFirstWhenASeatFrees() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("minSize", 1);
		request.put("maxSize", 2);
		String group = this.fixtures.group(this.director, this.program, request);
		Caller ann = this.fixtures.patient();
		Caller ben = this.fixtures.patient();
		Caller cleo = this.fixtures.patient();
		Caller dan = this.fixtures.patient();
		String annEpisode = this.fixtures.enrol(ann, group, null);
		this.fixtures.enrol(ben, group, null);
		this.clock.advance(java.time.Duration.ofSeconds(1));
		Api.Response cleoJoins = enrol(cleo, group, null);
		assertThat((String) cleoJoins.json("$.status")).isEqualTo("WAITLISTED");
		assertThat((Integer) cleoJoins.json("$.waitlistPosition")).isEqualTo(1);
		this.clock.advance(java.time.Duration.ofSeconds(1));
		Api.Response danAdded = enrol(this.therapist, group, dan.id());
		assertThat((Integer) danAdded.json("$.waitlistPosition")).isEqualTo(2);
		assertThat(enrol(cleo, group, null).status()).isEqualTo(409);

		this.clock.advance(java.time.Duration.ofSeconds(1));
		Api.Response annLeaves = this.api.post(ann,
				"/api/sessions/groups/" + group + "/memberships/" + annEpisode + "/status",
				Map.of("status", "LEFT", "reason", "moved away"));
		assertThat(annLeaves.status()).as(annLeaves.toString()).isEqualTo(200);

		List<Map<String, Object>> members = this.api
			.get(this.therapist, "/api/sessions/groups/" + group + "/memberships")
			.json("$");
		assertThat(statusOf(members, cleo.id())).isEqualTo("ACTIVE");
		assertThat(statusOf(members, dan.id())).isEqualTo("WAITLISTED");
		assertThat(statusOf(members, ann.id())).isEqualTo("LEFT");
		Map<String, Object> cleoEpisode = members.stream()
			.filter((m) -> m.get("patientId").equals(cleo.id()))
			.findFirst()
			.orElseThrow();
		assertThat((List<?>) cleoEpisode.get("history")).hasSize(2);
		assertThat(cleoEpisode.get("waitlistPosition")).isNull();
		// staff call the roster by the names people go by
		assertThat((String) cleoEpisode.get("patientName")).isEqualTo("patient " + cleo.id().substring(0, 4));

		// re-joining opens a second episode; the first one stays in the history
		Api.Response back = enrol(ann, group, null);
		assertThat((String) back.json("$.status")).isEqualTo("WAITLISTED");
		List<Map<String, Object>> annHistory = this.api.get(ann, "/api/sessions/me/memberships").json("$");
		assertThat(annHistory).extracting((m) -> m.get("status")).containsExactly("LEFT", "WAITLISTED");
		assertThat(this.api.get(this.director, "/api/sessions/groups/" + group).<Integer>json("$.seatsTaken"))
			.isEqualTo(2);
	}

	@Test
	void raisingTheCapacityPromotesFromTheWaitlist() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("minSize", 1);
		request.put("maxSize", 1);
		String group = this.fixtures.group(this.director, this.program, request);
		this.fixtures.enrol(this.fixtures.patient(), group, null);
		Caller waiting = this.fixtures.patient();
		assertThat((String) enrol(waiting, group, null).json("$.status")).isEqualTo("WAITLISTED");
		assertThat(this.api.patch(this.therapist, "/api/sessions/groups/" + group, Map.of("maxSize", 3)).status())
			.isEqualTo(200);
		assertThat(this.api.get(waiting, "/api/sessions/me/memberships").<String>json("$[0].status"))
			.isEqualTo("ACTIVE");
		assertThat(this.api.patch(this.therapist, "/api/sessions/groups/" + group, Map.of("maxSize", 0)).status())
			.isEqualTo(400);
	}

	@Test
	void concurrentEnrolmentsNeverOverfillTheGroup() throws Exception {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("minSize", 1);
		request.put("maxSize", 3);
		String group = this.fixtures.group(this.director, this.program, request);
		List<Caller> patients = java.util.stream.IntStream.range(0, 8)
			.mapToObj((i) -> this.fixtures.patient())
			.toList();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<Api.Response>> answers = pool
				.invokeAll(patients.stream().map((p) -> (Callable<Api.Response>) () -> enrol(p, group, null)).toList());
			for (Future<Api.Response> answer : answers) {
				assertThat(answer.get().status()).isEqualTo(201);
			}
		}
		List<Map<String, Object>> members = this.api
			.get(this.director, "/api/sessions/groups/" + group + "/memberships")
			.json("$");
		assertThat(members).hasSize(8);
		assertThat(members.stream().filter((m) -> "ACTIVE".equals(m.get("status")))).hasSize(3);
		assertThat(members.stream()
			.filter((m) -> "WAITLISTED".equals(m.get("status")))
			.map((m) -> m.get("waitlistPosition"))).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
	}

	@Test
	void aClosedGroupTakesNewMembersBeforeItBeginsAndThenOnlyFromAFacilitator() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("openness", "CLOSED");
		request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-08T18:00:00"));
		String group = this.fixtures.group(this.director, this.program, request);
		assertThat(enrol(this.fixtures.patient(), group, null).status()).isEqualTo(201);
		this.clock.set(Instant.parse("2026-09-09T08:00:00Z"));
		Api.Response late = enrol(this.fixtures.patient(), group, null);
		assertThat(late.status()).as(late.toString()).isEqualTo(409);
		assertThat(late.contentType()).startsWith("application/problem+json");
		assertThat(enrol(this.therapist, group, this.fixtures.patient().id()).status()).isEqualTo(201);
	}

	@Test
	void onlyActivePatientsCanBeEnrolledAndOnlyIntoOpenAftercareGroupsByThemselves() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("selfEnrollment", false);
		String group = this.fixtures.group(this.director, this.program, request);
		assertThat(enrol(this.fixtures.patient(), group, null).status()).isEqualTo(403);
		Api.Response unknown = enrol(this.therapist, group, "nobody");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat((String) unknown.json("$.errors[0].field")).isEqualTo("patientId");
		String inactive = this.fixtures.user("patient", false);
		assertThat(enrol(this.therapist, group, inactive).status()).isEqualTo(400);
		assertThat(enrol(this.therapist, group, this.therapist.id()).status()).isEqualTo(400);
		Caller patient = this.fixtures.patient();
		String episode = this.fixtures.enrol(this.therapist, group, patient.id());
		assertThat(enrol(this.director, group, patient.id()).status()).isEqualTo(409);
		String path = "/api/sessions/groups/" + group + "/memberships/" + episode + "/status";
		assertThat(this.api.post(patient, path, Map.of("status", "ON_HOLD")).status()).isEqualTo(403);
		assertThat(this.api.post(this.therapist, path, Map.of("status", "WAITLISTED")).status()).isEqualTo(400);
		assertThat(this.api.post(this.therapist, path, Map.of("status", "ON_HOLD", "reason", "inpatient stay"))
			.<String>json("$.status")).isEqualTo("ON_HOLD");
		assertThat(this.api.post(this.therapist, path, Map.of("status", "ACTIVE")).<String>json("$.status"))
			.isEqualTo("ACTIVE");
		assertThat(this.api.post(this.therapist, path, Map.of("status", "DISCHARGED")).<String>json("$.status"))
			.isEqualTo("DISCHARGED");
		assertThat(this.api.post(this.therapist, path, Map.of("status", "ACTIVE")).status()).isEqualTo(409);
	}

	@Test
	void aGroupThatAlreadyMeetsKeepsItsPastSessionsAndMembersSinceTheyJoined() {
		// NOW is Tuesday 1 September 2026, 17:55 in Berlin; the group has met on Tuesdays
		// since 4 August
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("minSize", 1);
		request.put("maxSize", 2);
		request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-08-04T18:00:00"));
		String group = this.fixtures.group(this.director, this.program, request);
		List<Map<String, Object>> sessions = this.fixtures.sessions(this.director, group);
		assertThat(sessions).extracting((s) -> s.get("startsAt"))
			.startsWith("2026-08-04T16:00:00Z", "2026-08-11T16:00:00Z", "2026-08-18T16:00:00Z", "2026-08-25T16:00:00Z",
					"2026-09-01T16:00:00Z");

		Caller patient = this.fixtures.patient();
		Api.Response joined = enrolSince(this.director, group, patient.id(), "2026-08-10T10:00:00Z");
		assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
		assertThat((String) joined.json("$.status")).isEqualTo("ACTIVE");
		assertThat((String) joined.json("$.activeFrom")).isEqualTo("2026-08-10T10:00:00Z");
		assertThat((String) joined.json("$.history[0].at")).isEqualTo("2026-08-10T10:00:00Z");
		assertThat((String) joined.json("$.history[0].recordedAt")).isEqualTo(ServiceTestConfig.NOW.toString());

		// on the rosters from the session after they joined, not before
		String before = (String) sessions.get(0).get("id");
		String after = (String) sessions.get(1).get("id");
		assertThat(this.api
			.put(this.therapist, "/api/sessions/sessions/" + after + "/attendance/" + patient.id(),
					Map.of("status", "PRESENT"))
			.status()).isEqualTo(200);
		assertThat(this.api
			.put(this.therapist, "/api/sessions/sessions/" + before + "/attendance/" + patient.id(),
					Map.of("status", "PRESENT"))
			.status()).isEqualTo(400);
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + after + "/complete", Map.of())
			.<String>json("$.status")).isEqualTo("COMPLETED");

		// staff only, in the past, at most a year back, with a free seat
		Caller other = this.fixtures.patient();
		assertThat(enrolSince(other, group, other.id(), "2026-08-10T10:00:00Z").status()).isEqualTo(403);
		for (String since : List.of("2026-09-02T10:00:00Z", "2025-08-01T10:00:00Z", "last week",
				"2026-08-10T10:00:00")) {
			Api.Response refused = enrolSince(this.director, group, other.id(), since);
			assertThat(refused.status()).as(since).isEqualTo(400);
			assertThat((String) refused.json("$.errors[0].field")).isEqualTo("since");
		}
		this.fixtures.enrol(this.therapist, group, this.fixtures.patient().id());
		Api.Response full = enrolSince(this.therapist, group, other.id(), "2026-08-10T10:00:00Z");
		assertThat(full.status()).as(full.toString()).isEqualTo(409);
		assertThat((String) enrol(this.therapist, group, other.id()).json("$.status")).isEqualTo("WAITLISTED");
	}

	private Api.Response enrolSince(Caller caller, String group, String patientId, String since) {
		return this.api.post(caller, "/api/sessions/groups/" + group + "/memberships",
				Map.of("patientId", patientId, "since", since));
	}

	private Api.Response enrol(Caller caller, String group, String patientId) {
		return this.api.post(caller, "/api/sessions/groups/" + group + "/memberships",
				(patientId != null) ? Map.of("patientId", patientId) : Map.of());
	}

	private static String statusOf(List<Map<String, Object>> members, String patientId) {
		return members.stream()
			.filter((m) -> m.get("patientId").equals(patientId))
			.map((m) -> (String) m.get("status"))
			.reduce((a, b) -> b)
			.orElseThrow();
	}

}
