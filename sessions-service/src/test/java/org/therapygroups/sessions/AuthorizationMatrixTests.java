package org.therapygroups.sessions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × role × own / someone else's record, each case in a fresh world: two
 * programs, P of director D and P2 of director D2. P has an open aftercare group G and a
 * group H closed to self-enrolment, both facilitated by therapist T; P2 has group G2,
 * facilitated by therapist T2. Patient PA is a member of G (episode E), patient PB a
 * member of nothing, and S, the first session of G, began five minutes ago. Nobody sees
 * or changes anything of the other program.
 */
@ServiceTest
class AuthorizationMatrixTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	private Api api;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
	}

	static Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		Map<String, Object> program = Map.of("name", "Evening program", "timeZone", "Europe/Berlin");
		rows(rows, "POST", "/api/sessions/programs", program, "none 401, D 201, T 403, PA 403");
		rows(rows, "GET", "/api/sessions/programs", null, "none 401, D 200, T 403, PA 403");
		rows(rows, "GET", "/api/sessions/programs/{P}", null, "none 401, D 200, D2 403, T 403, PA 403");
		rows(rows, "GET", "/api/sessions/programs/{P2}", null, "D 403, D2 200, T2 403");
		rows(rows, "POST", "/api/sessions/programs/{P2}/groups", "THURSDAY_GROUP", "D 403, D2 201, T 403, T2 403");
		rows(rows, "GET", "/api/sessions/groups/{G2}", null, "D 403, D2 200, T 403, T2 200");
		rows(rows, "PATCH", "/api/sessions/groups/{G2}", Map.of("name", "Renamed"), "D 403, D2 200, T 403, T2 200");
		rows(rows, "GET", "/api/sessions/groups/{G2}/sessions", null, "D 403, D2 200, T 403, T2 200");
		rows(rows, "GET", "/api/sessions/groups/{G2}/memberships", null, "D 403, D2 200, T 403, T2 200");
		rows(rows, "POST", "/api/sessions/groups/{G2}/sessions", Map.of("startsAt", "2026-09-05T10:00:00Z"),
				"D 403, D2 201, T 403, T2 201");
		rows(rows, "POST", "/api/sessions/programs/{P}/groups", "THURSDAY_GROUP",
				"none 401, D 201, D2 403, T 403, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/programs/{P}/groups/preview", "THURSDAY_GROUP",
				"none 401, D 200, D2 403, T 403, T2 403, PA 403");
		rows(rows, "GET", "/api/sessions/groups", null, "none 401, D 200, D2 200, T 200, T2 200, PA 200, PB 200");
		rows(rows, "GET", "/api/sessions/groups/{G}", null, "none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 200");
		rows(rows, "GET", "/api/sessions/groups/{H}", null, "D 200, T 200, T2 403, PA 403, PB 403");
		rows(rows, "PATCH", "/api/sessions/groups/{G}", Map.of("name", "Renamed"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/groups/{G}/end", Map.of("outcome", "FINISHED"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "GET", "/api/sessions/groups/{G}/sessions", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 200");
		rows(rows, "GET", "/api/sessions/groups/{H}/sessions", null, "T 200, PA 403, PB 403");
		rows(rows, "POST", "/api/sessions/groups/{G}/sessions", Map.of("startsAt", "2026-09-05T10:00:00Z"),
				"none 401, D 201, D2 403, T 201, T2 403, PA 403");
		rows(rows, "GET", "/api/sessions/sessions/{S}", null, "none 401, D 200, D2 403, T 200, T2 403, PA 200");
		rows(rows, "POST", "/api/sessions/sessions/{S}/reschedule", Map.of("startsAt", "2026-09-03T16:00:00Z"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/sessions/{S}/cancel", Map.of("reason", "storm"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/sessions/{NEXT}/cancel", Map.of("reason", "storm"),
				"D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/sessions/{S}/start", null, "none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "POST", "/api/sessions/sessions/{S}/complete", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 403");
		rows(rows, "PUT", "/api/sessions/sessions/{S}/attendance/{PA}", Map.of("status", "PRESENT"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "PUT", "/api/sessions/sessions/{S}/attendance/{PB}", Map.of("status", "PRESENT"), "T 400");
		rows(rows, "PUT", "/api/sessions/sessions/{S}/attendance", "ROSTER_OF_PA",
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "POST", "/api/sessions/sessions/{S}/check-in", null, "none 401, PA 200, PB 403, T 403, D 403");
		rows(rows, "GET", "/api/sessions/sessions/{S}/attendance", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 403");
		rows(rows, "GET", "/api/sessions/sessions/{S}/attendance/{PA}/history", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 403");
		rows(rows, "POST", "/api/sessions/groups/{G}/memberships", Map.of(), "none 401, PB 201, PA 409, T 400, D 400");
		rows(rows, "POST", "/api/sessions/groups/{G}/memberships", "PB_BY_ID",
				"D 201, D2 403, T 201, T2 403, PB 201, PA 403");
		rows(rows, "POST", "/api/sessions/groups/{H}/memberships", Map.of(), "PB 403");
		rows(rows, "GET", "/api/sessions/groups/{G}/memberships", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 403");
		rows(rows, "POST", "/api/sessions/groups/{G}/memberships/{E}/status", Map.of("status", "LEFT"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 200, PB 403");
		rows(rows, "POST", "/api/sessions/groups/{G}/memberships/{E}/status", Map.of("status", "DISCHARGED"),
				"T 200, PA 403");
		rows(rows, "GET", "/api/sessions/me/memberships", null, "none 401, PA 200, PB 200, T 403, D 403");
		rows(rows, "GET", "/api/sessions/me/schedule", null, "none 401, PA 200, PB 200, T 200, T2 200, D 403");
		rows(rows, "POST", "/api/sessions/me/calendar-feed", null, "none 401, PA 201, T 201, D 403");
		rows(rows, "GET", "/api/sessions/me/calendar-feed", null, "none 401, PA 200, T 200, D 403");
		rows(rows, "DELETE", "/api/sessions/me/calendar-feed", null, "none 401, PA 204, T 204, D 403");
		rows(rows, "GET", "/api/sessions/public/calendar/not-a-feed.ics", null, "none 404, PA 404");
		return rows.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {3} -> {4}")
	@MethodSource("matrix")
	void everyEndpointChecksWhoIsAsking(String method, String path, Object body, String who, int expected) {
		World world = world();
		Api.Response response = this.api.call(HttpMethod.valueOf(method), world.caller(who), world.resolve(path),
				world.body(body));
		assertThat(response.status()).as("%s %s as %s: %s", method, path, who, response).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void listsShowEachCallerOnlyTheirOwnShare() {
		World world = world();
		assertThat(ids(world.caller("T2"), "/api/sessions/groups")).doesNotContain(world.g, world.h).contains(world.g2);
		assertThat(ids(world.caller("D2"), "/api/sessions/groups")).doesNotContain(world.g, world.h).contains(world.g2);
		assertThat(ids(world.caller("D"), "/api/sessions/groups")).contains(world.g, world.h).doesNotContain(world.g2);
		assertThat(ids(world.caller("T"), "/api/sessions/groups")).contains(world.g, world.h).doesNotContain(world.g2);
		assertThat(ids(world.caller("PB"), "/api/sessions/groups")).contains(world.g).doesNotContain(world.h);
		assertThat(ids(world.caller("D2"), "/api/sessions/programs")).doesNotContain(world.p).contains(world.p2);
		assertThat(ids(world.caller("D"), "/api/sessions/programs")).doesNotContain(world.p2).contains(world.p);
		this.fixtures.enrol(world.t, world.g, world.pb.id());
		List<Map<String, Object>> seenByPa = this.api.get(world.pa, "/api/sessions/groups/" + world.g + "/memberships")
			.json("$");
		assertThat(seenByPa).extracting((m) -> m.get("patientId")).containsOnly(world.pa.id());
		List<Map<String, Object>> attendanceSeenByPa = this.api
			.get(world.pa, "/api/sessions/sessions/" + world.s + "/attendance")
			.json("$");
		assertThat(attendanceSeenByPa).extracting((m) -> m.get("patientId")).containsOnly(world.pa.id());
		List<Map<String, Object>> mine = this.api.get(world.pb, "/api/sessions/me/memberships").json("$");
		assertThat(mine).extracting((m) -> m.get("patientId")).containsOnly(world.pb.id());
	}

	@Test
	void aDoubleBookingTellsAboutTheSessionInTheWayOnlyThoseWhoManageIt() {
		World world = world();
		// T leads G in P on Tuesdays 18:00; D2 wants T for a group of P2 at the same time
		Map<String, Object> sameTime = Fixtures.groupRequest(world.t.id());
		Api.Response hidden = this.fixtures.createGroup(world.d2, world.p2, sameTime);
		assertThat(hidden.status()).as(hidden.toString()).isEqualTo(409);
		assertThat(hidden.contentType()).startsWith("application/problem+json");
		assertThat(hidden.body()).doesNotContain(world.g, world.s, "conflictingGroupId", "conflictingSessionId");
		assertThat((String) hidden.json("$.resource")).contains(world.t.id());
		// only the caller's own slot that cannot be booked
		assertThat((String) hidden.json("$.startsAt")).endsWith("Z");
		// D directs G's program: the same request in P names the session in the way
		Api.Response shown = this.fixtures.createGroup(world.d, world.p, sameTime);
		assertThat(shown.status()).as(shown.toString()).isEqualTo(409);
		assertThat((String) shown.json("$.conflictingGroupId")).isEqualTo(world.g);
	}

	private List<String> ids(Caller caller, String path) {
		List<String> ids = this.api.get(caller, path).json("$[*].id");
		return ids;
	}

	/** Parses "none 401, D 200, ..." into one row per caller. */
	private static void rows(List<Arguments> rows, String method, String path, Object body, String spec) {
		for (String part : spec.split(",")) {
			String[] whoAndStatus = part.strip().split(" ");
			rows.add(Arguments.of(method, path, body, whoAndStatus[0], Integer.parseInt(whoAndStatus[1])));
		}
	}

	private World world() {
		this.clock.set(ServiceTestConfig.NOW);
		World world = new World();
		world.d = this.fixtures.director();
		world.d2 = this.fixtures.director();
		world.t = this.fixtures.therapist();
		world.t2 = this.fixtures.therapist();
		world.pa = this.fixtures.patient();
		world.pb = this.fixtures.patient();
		world.p = this.fixtures.program(world.d);
		world.p2 = this.fixtures.program(world.d2);
		world.g = this.fixtures.group(world.d, world.p, Fixtures.groupRequest(world.t.id()));
		Map<String, Object> closed = Fixtures.groupRequest(world.t.id());
		closed.put("selfEnrollment", false);
		closed.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=WE", "start", "2026-09-02T18:00:00"));
		world.h = this.fixtures.group(world.d, world.p, closed);
		Map<String, Object> friday = Fixtures.groupRequest(world.t2.id());
		friday.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=FR", "start", "2026-09-04T18:00:00"));
		world.g2 = this.fixtures.group(world.d2, world.p2, friday);
		world.e = this.fixtures.enrol(world.pa, world.g, null);
		List<Map<String, Object>> sessions = this.fixtures.sessions(world.t, world.g);
		world.s = (String) sessions.get(0).get("id");
		world.next = (String) sessions.get(1).get("id");
		// five minutes into the first session
		this.clock.set(Instant.parse("2026-09-01T16:05:00Z"));
		return world;
	}

	private static final class World {

		Caller d;

		Caller d2;

		Caller t;

		Caller t2;

		Caller pa;

		Caller pb;

		String p;

		String p2;

		String g;

		String h;

		String g2;

		String e;

		String s;

		String next;

		Caller caller(String who) {
			return switch (who) {
				case "none" -> null;
				case "D" -> this.d;
				case "D2" -> this.d2;
				case "T" -> this.t;
				case "T2" -> this.t2;
				case "PA" -> this.pa;
				case "PB" -> this.pb;
				default -> throw new IllegalArgumentException(who);
			};
		}

		String resolve(String path) {
			return path.replace("{P2}", this.p2)
				.replace("{P}", this.p)
				.replace("{G2}", this.g2)
				.replace("{G}", this.g)
				.replace("{H}", this.h)
				.replace("{S}", this.s)
				.replace("{NEXT}", this.next)
				.replace("{E}", this.e)
				.replace("{PA}", this.pa.id())
				.replace("{PB}", this.pb.id());
		}

		Object body(Object body) {
			if ("THURSDAY_GROUP".equals(body)) {
				Map<String, Object> request = Fixtures.groupRequest(this.t.id());
				request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TH", "start", "2026-09-03T18:00:00"));
				return request;
			}
			if ("ROSTER_OF_PA".equals(body)) {
				return Map.of("records", List.of(Map.of("patientId", this.pa.id(), "status", "PRESENT")));
			}
			if ("PB_BY_ID".equals(body)) {
				return Map.of("patientId", this.pb.id());
			}
			return body;
		}

	}

}
