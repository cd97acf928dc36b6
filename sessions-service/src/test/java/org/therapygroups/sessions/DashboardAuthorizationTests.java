package org.therapygroups.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
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
import static org.awaitility.Awaitility.await;

/**
 * Every dashboard and alert endpoint × role × own / someone else's program: director D
 * directs program P (D2 another one), therapist T facilitates its group G (T2 nothing),
 * patient PA is a member of G with attendance in session S, PB a member of nothing. The
 * world is built once and only read, except for alerts, each case resolving a fresh one.
 */
@ServiceTest
class DashboardAuthorizationTests {

	private static World world;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	private Api api;

	static Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		rows(rows, "GET", "/api/sessions/dashboards/programs/{P}", null,
				"none 401, D 200, D2 403, T 403, T2 403, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/dashboards/programs/{P}?from=2026-09-30&to=2026-09-01", null, "D 400");
		rows(rows, "GET", "/api/sessions/dashboards/programs/{P}?groupBy=year", null, "D 400");
		rows(rows, "GET", "/api/sessions/dashboards/programs/nope", null, "D 404");
		rows(rows, "GET", "/api/sessions/dashboards/programs/{P}/export.csv", null,
				"none 401, D 200, D2 403, T 403, PA 403");
		rows(rows, "GET", "/api/sessions/dashboards/groups/{G}", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/dashboards/groups/nope", null, "D 404, T 404, PA 403");
		rows(rows, "GET", "/api/sessions/dashboards/sessions/{S}", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/dashboards/groups/{G}/members/{PA}", null,
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/alerts?programId={P}", null,
				"none 401, D 200, D2 403, T 200, T2 200, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/alerts", null, "D 400, T 200");
		rows(rows, "GET", "/api/sessions/alerts?status=LOST", null, "T 400");
		rows(rows, "GET", "/api/sessions/alerts/{A}", null, "none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "GET", "/api/sessions/alerts/nope", null, "D 404, PA 403");
		rows(rows, "POST", "/api/sessions/alerts/{A}/resolve", Map.of("outcome", "REACHED"),
				"none 401, D 200, D2 403, T 200, T2 403, PA 403, PB 403");
		rows(rows, "POST", "/api/sessions/alerts/{A}/resolve", Map.of("outcome", "SOLVED"), "T 400");
		rows(rows, "GET", "/api/sessions/programs/{P}/alert-rules", null, "none 401, D 200, D2 403, T 403, PA 403");
		rows(rows, "PUT", "/api/sessions/programs/{P}/alert-rules", Map.of("silentDays", 21),
				"none 401, D 200, D2 403, T 403, PA 403");
		return rows.stream();
	}

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		if (world == null) {
			world = build();
		}
	}

	@ParameterizedTest(name = "{0} {1} as {3} -> {4}")
	@MethodSource("matrix")
	void everyDashboardEndpointChecksWhoIsAsking(String method, String path, Object body, String who, int expected) {
		String resolved = path.replace("{P}", world.p)
			.replace("{G}", world.g)
			.replace("{S}", world.s)
			.replace("{PA}", world.pa.id())
			.replace("{A}", (path.contains("{A}")) ? alert() : "");
		Api.Response response = this.api.call(HttpMethod.valueOf(method), world.caller(who), resolved, body);
		assertThat(response.status()).as("%s %s as %s: %s", method, path, who, response).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	private World build() {
		Fixtures fixtures = new Fixtures(this.mongo, this.api);
		this.clock.set(ServiceTestConfig.NOW);
		Caller d = fixtures.director();
		Caller t = fixtures.therapist();
		String p = fixtures.program(d);
		String g = fixtures.group(d, p, Fixtures.groupRequest(t.id()));
		Caller pa = fixtures.patient();
		fixtures.enrol(d, g, pa.id());
		String s = fixtures.firstSession(t, g);
		assertThat(
				this.api.put(t, "/api/sessions/sessions/" + s + "/attendance/" + pa.id(), Map.of("status", "PRESENT"))
					.status())
			.isEqualTo(200);
		// the read model knows the group, the session and the member once the events are
		// in
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.api.get(d, "/api/sessions/dashboards/groups/" + g + "/members/" + pa.id())
				.status() == 200);
		return new World(p, g, s, d, fixtures.director(), t, fixtures.therapist(), pa, fixtures.patient());
	}

	/** An open alert for PA in G, as the rules would have raised it. */
	private String alert() {
		String id = UUID.randomUUID().toString();
		this.mongo.insert(new Document("_id", id).append("version", 0L)
			.append("programId", world.p)
			.append("groupId", world.g)
			.append("patientId", world.pa.id())
			.append("rule", "CONSECUTIVE_MISSED")
			.append("episode", "since:" + Instant.EPOCH)
			.append("status", "OPEN")
			.append("facilitatorIds", List.of(world.t.id()))
			.append("raisedAt", java.util.Date.from(ServiceTestConfig.NOW))
			.append("outbox", List.of()), "alerts");
		return id;
	}

	private static void rows(List<Arguments> rows, String method, String path, Object body, String expectations) {
		for (String expectation : expectations.split(",\\s*")) {
			String[] parts = expectation.split(" ");
			rows.add(Arguments.of(method, path, body, parts[0], Integer.parseInt(parts[1])));
		}
	}

	private record World(String p, String g, String s, Caller d, Caller d2, Caller t, Caller t2, Caller pa, Caller pb) {

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

	}

}
