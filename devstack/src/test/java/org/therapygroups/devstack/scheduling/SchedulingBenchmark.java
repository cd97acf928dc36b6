package org.therapygroups.devstack.scheduling;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling benchmark behind {@code ./bench scheduling}, on the whole local stack: a
 * program of 200 weekly groups over one year with their sessions expanded; the iCalendar
 * feed of a patient in 5 groups and of a therapist facilitating 20; 10,000 session ×
 * member attendance rows recorded through the API as fast as 4 clients go, 10,000 more at
 * a set pace of 500 rows/s. With {@code -Dbench.size=smoke} ({@code ./test} runs it so)
 * the same steps run at a few of each. Requests go to sessions-service's own port:
 * through the gateway the per-user rate limit (20 requests per second) would be what is
 * measured.
 */
@ExtendWith(RunningStack.class)
class SchedulingBenchmark {

	private static final Size SIZE = "smoke".equals(System.getProperty("bench.size")) ? Size.SMOKE : Size.FULL;

	private static final int THERAPISTS = SIZE.therapists();

	/** At most 20 per therapist: 5 weekdays x 4 time slots. */
	private static final int GROUPS = SIZE.groups();

	private static final int PATIENTS = SIZE.patients();

	private static final int SESSIONS_RECORDED = SIZE.sessionsRecorded();

	private static final int THREADS = 4;

	private final List<String> figures = new ArrayList<>();

	@Test
	void scheduling() throws Exception {
		String base = "http://127.0.0.1:" + RunningStack.config().sessionsPort();
		Supplier<String> director = cached(() -> Tokens.forUser("director1"));
		List<Staff> therapists = new ArrayList<>();
		for (int i = 0; i < THERAPISTS; i++) {
			therapists.add(Staff.create(director.get(), "Bench" + i));
		}
		List<Patients.Patient> patients = new ArrayList<>();
		for (int i = 0; i < PATIENTS; i++) {
			patients.add(Patients.invite("Member" + i));
		}
		String program = Http
			.json(send("POST", base + "/api/sessions/programs", director.get(),
					Map.of("name", "Benchmark program", "timeZone", "Europe/Berlin")))
			.get("id")
			.asText();

		// 200 weekly groups, one year each: 10 therapists x 5 weekdays x 4 time slots
		LocalDate monday = LocalDate.now(ZoneOffset.UTC)
			.plusWeeks(1)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalTime[] slots = { LocalTime.of(9, 0), LocalTime.of(11, 0), LocalTime.of(14, 0), LocalTime.of(16, 0) };
		List<Long> createLatencies = Collections.synchronizedList(new ArrayList<>());
		List<String> groups = Collections.synchronizedList(new ArrayList<>());
		List<Callable<Void>> creations = new ArrayList<>();
		for (int g = 0; g < GROUPS; g++) {
			int therapist = g % THERAPISTS;
			int slot = g / THERAPISTS;
			LocalDate day = monday.plusDays(slot % 5);
			LocalTime time = slots[slot / 5];
			String byDay = day.getDayOfWeek().name().substring(0, 2);
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("name", "Group " + g);
			request.put("modality", (g % 2 == 0) ? "CBT" : "PSYCHODYNAMIC");
			request.put("aftercare", true);
			request.put("selfEnrollment", true);
			request.put("minSize", 2);
			request.put("maxSize", 12);
			request.put("facilitators", List.of(Map.of("therapistId", therapists.get(therapist).id(), "role", "LEAD")));
			request.put("location", Map.of("room", "Room " + g));
			request.put("sessionMinutes", 90);
			request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=" + byDay, "start",
					day.atTime(time).toString(), "until", day.plusYears(1).minusDays(1).toString()));
			creations.add(() -> {
				String token = director.get();
				long started = System.nanoTime();
				HttpResponse<String> created = send("POST", base + "/api/sessions/programs/" + program + "/groups",
						token, request);
				createLatencies.add(System.nanoTime() - started);
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
				groups.add(Http.json(created).get("id").asText());
				return null;
			});
		}
		long createStart = System.nanoTime();
		runAll(creations);
		double createSeconds = (System.nanoTime() - createStart) / 1e9;
		// a listing covers at most 800 days: the year of the groups, from the week before
		HttpResponse<String> listed = Http.get(base + "/api/sessions/groups/" + groups.get(0) + "/sessions?from="
				+ monday.minusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "&to="
				+ monday.plusYears(1).plusWeeks(1).atStartOfDay().toInstant(ZoneOffset.UTC), director.get());
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		long sessions = Http.json(listed).size();
		report("create " + GROUPS + " weekly groups (1 year, sessions expanded, rooms and facilitators booked)",
				createLatencies, createSeconds, GROUPS, "groups");
		this.figures
			.add(String.format(Locale.ROOT, "  sessions per group: %d, about %d sessions in all, %.0f sessions/s",
					sessions, sessions * GROUPS, sessions * GROUPS / createSeconds));

		// at full size: 10 members in each of the 20 groups therapist 0 facilitates and
		// in
		// each of the 20 of therapist 1 (those for attendance at a set pace)
		List<String> ofTherapist0 = new ArrayList<>();
		List<String> ofTherapist1 = new ArrayList<>();
		for (int g = 0; g < GROUPS; g += THERAPISTS) {
			ofTherapist0.add(groupOf(groups, base, director, "Group " + g));
			ofTherapist1.add(groupOf(groups, base, director, "Group " + (g + 1)));
		}
		List<Callable<Void>> enrolments = new ArrayList<>();
		for (String group : concat(ofTherapist0, ofTherapist1)) {
			for (Patients.Patient patient : patients) {
				enrolments.add(() -> {
					HttpResponse<String> joined = send("POST", base + "/api/sessions/groups/" + group + "/memberships",
							patient.token(), Map.of());
					assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
					return null;
				});
			}
		}
		runAll(enrolments);
		caughtUp("groups' events");

		// at full size 10,000 attendance rows: 20 groups x 50 sessions x 10 members. The
		// first half of each group's sessions member after member, as a facilitator taps
		// through the roster (each client takes a whole session: 4 clients are 4 sessions
		// at once); the second half one request per session, the whole roster at once.
		// Both as fast as the 4 clients can go: the latencies are those of a saturated
		// service. Then 10,000 rows more in therapist 1's groups, a roster per request
		// at the pace the issue names (500 rows/s from 4 clients), latency measured from
		// when each request was due, so a slow answer also counts against the ones it
		// held up.
		List<Long> memberLatencies = Collections.synchronizedList(new ArrayList<>());
		List<Long> rosterLatencies = Collections.synchronizedList(new ArrayList<>());
		List<Callable<Void>> memberAfterMember = new ArrayList<>();
		List<Callable<Void>> wholeRosters = new ArrayList<>();
		Supplier<String> therapist0 = therapists.get(0).token();
		List<Roster> rosters0 = rosters(base, ofTherapist0, therapist0, patients, monday);
		for (int r = 0; r < rosters0.size(); r++) {
			Roster roster = rosters0.get(r);
			if (r % SESSIONS_RECORDED < SESSIONS_RECORDED / 2) {
				memberAfterMember.add(() -> {
					for (Map<String, Object> mark : roster.marks()) {
						// a sign-in now and then is not part of recording attendance
						String token = therapist0.get();
						long started = System.nanoTime();
						HttpResponse<String> recorded = send("PUT", base + "/api/sessions/sessions/" + roster.session()
								+ "/attendance/" + mark.get("patientId"), token, Map.of("status", mark.get("status")));
						memberLatencies.add(System.nanoTime() - started);
						assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
					}
					return null;
				});
			}
			else {
				wholeRosters.add(() -> {
					String token = therapist0.get();
					long started = System.nanoTime();
					roster.record(base, token);
					rosterLatencies.add(System.nanoTime() - started);
					return null;
				});
			}
		}
		long recordStart = System.nanoTime();
		runAll(memberAfterMember);
		report("record attendance member after member (PUT .../attendance/{patientId}), " + THREADS
				+ " clients, each a session", memberLatencies, (System.nanoTime() - recordStart) / 1e9,
				memberLatencies.size(), "rows");
		caughtUp("attendance member after member");
		long rosterStart = System.nanoTime();
		runAll(wholeRosters);
		report("record attendance a roster at once (PUT .../attendance, " + PATIENTS + " members), " + THREADS
				+ " clients; latency per request", rosterLatencies, (System.nanoTime() - rosterStart) / 1e9,
				rosterLatencies.size() * PATIENTS, "rows");
		caughtUp("rosters at once");
		paced(base, rosters(base, ofTherapist1, therapists.get(1).token(), patients, monday),
				therapists.get(1).token());
		caughtUp("rosters at a set pace");

		Patients.Patient inFive = Patients.invite("Five");
		List<String> feedGroups = ofTherapist0.subList(0, Math.min(5, ofTherapist0.size()));
		for (String group : feedGroups) {
			assertThat(send("POST", base + "/api/sessions/groups/" + group + "/memberships", inFive.token(), Map.of())
				.statusCode()).isEqualTo(201);
		}
		feed(base, inFive.token(), "iCalendar feed of a patient in " + feedGroups.size() + " groups");
		feed(base, therapists.get(0).token().get(),
				"iCalendar feed of a therapist facilitating " + ofTherapist0.size() + " groups");

		System.out.println();
		System.out.println("== scheduling benchmark ==");
		this.figures.forEach(System.out::println);
	}

	/** The rows per second that attendance at a set pace offers. */
	private static final int PACE_ROWS_PER_SECOND = 500;

	/**
	 * Rosters at {@link #PACE_ROWS_PER_SECOND} from {@link #THREADS} clients, each on its
	 * own timetable (a request due every {@code THREADS x members / rate} seconds, the
	 * clients a quarter of that apart). A request sent late because the one before it was
	 * slow is timed from when it was due.
	 */
	private void paced(String base, List<Roster> rosters, Supplier<String> tokens) throws Exception {
		// Taken once: a sign-in (Keycloak hashing the password) is not part of recording
		// attendance, and a cached token is good for two minutes more at least.
		String token = tokens.get();
		long interval = (long) (THREADS * PATIENTS * 1e9 / PACE_ROWS_PER_SECOND);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		List<Callable<Void>> clients = new ArrayList<>();
		long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
		for (int c = 0; c < THREADS; c++) {
			int client = c;
			clients.add(() -> {
				long due = start + client * interval / THREADS;
				for (int r = client; r < rosters.size(); r += THREADS) {
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					rosters.get(r).record(base, token);
					latencies.add(System.nanoTime() - due);
					due += interval;
				}
				return null;
			});
		}
		runAll(clients);
		report("record attendance a roster at once (PUT .../attendance, " + PATIENTS + " members), " + THREADS
				+ " clients at a set pace of " + PACE_ROWS_PER_SECOND + " rows/s; latency per request from when due",
				latencies, (System.nanoTime() - start) / 1e9, latencies.size() * PATIENTS, "rows");
	}

	/**
	 * The first {@code SESSIONS_RECORDED} sessions of each group, each with a status for
	 * every member.
	 */
	private static List<Roster> rosters(String base, List<String> groups, Supplier<String> token,
			List<Patients.Patient> patients, LocalDate monday) {
		String[] statuses = { "EXCUSED", "CANCELLED_BY_PATIENT", "LATE_CANCELLATION", "CANCELLED_BY_CLINICIAN" };
		List<Roster> rosters = new ArrayList<>();
		for (String group : groups) {
			JsonNode list = Http.json(Http.get(base + "/api/sessions/groups/" + group + "/sessions?from="
					+ monday.atStartOfDay().toInstant(ZoneOffset.UTC) + "&to="
					+ monday.plusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC), token.get()));
			assertThat(list.size()).isGreaterThanOrEqualTo(SESSIONS_RECORDED);
			for (int s = 0; s < SESSIONS_RECORDED; s++) {
				List<Map<String, Object>> marks = new ArrayList<>();
				for (int p = 0; p < PATIENTS; p++) {
					marks.add(Map.of("patientId", patients.get(p).id(), "status", statuses[(s + p) % statuses.length]));
				}
				rosters.add(new Roster(list.get(s).get("id").asText(), marks));
			}
		}
		return rosters;
	}

	/**
	 * Waits until every consumer group read every event so far, and says how long that
	 * took.
	 */
	private void caughtUp(String after) throws Exception {
		Duration took = ConsumersCaughtUp.await(RunningStack.config().kafkaBootstrap(), Duration.ofMinutes(15));
		this.figures.add(String.format(Locale.ROOT,
				"  consumers (dashboards, live updates, notes-service's read model) caught up with the %s %.1f s later",
				after, took.toMillis() / 1e3));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/** A session's attendance, a status for each member. */
	record Roster(String session, List<Map<String, Object>> marks) {

		void record(String base, String token) {
			HttpResponse<String> recorded = send("PUT", base + "/api/sessions/sessions/" + this.session + "/attendance",
					token, Map.of("records", this.marks));
			assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
		}
	}

	private void feed(String base, String token, String what) {
		HttpResponse<String> created = send("POST", base + "/api/sessions/me/calendar-feed", token, Map.of());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String url = Http.json(created).get("url").asText();
		String path = url.substring(url.indexOf("/api/"));
		List<Long> latencies = new ArrayList<>();
		int bytes = 0;
		int events = 0;
		long start = System.nanoTime();
		for (int i = 0; i < SIZE.renders(); i++) {
			long started = System.nanoTime();
			HttpResponse<String> ics = Http.get(base + path, null);
			latencies.add(System.nanoTime() - started);
			assertThat(ics.statusCode()).isEqualTo(200);
			bytes = ics.body().length();
			events = ics.body().split("BEGIN:VEVENT", -1).length - 1;
		}
		report(what + " (" + events + " VEVENTs, " + bytes / 1024 + " KiB)", latencies,
				(System.nanoTime() - start) / 1e9, SIZE.renders(), "renders");
	}

	private static String groupOf(List<String> groups, String base, Supplier<String> director, String name) {
		for (JsonNode group : Http.json(Http.get(base + "/api/sessions/groups", director.get()))) {
			if (group.get("name").asText().equals(name)) {
				return group.get("id").asText();
			}
		}
		throw new IllegalStateException(name + " not found among " + groups.size());
	}

	private void report(String what, List<Long> latenciesNanos, double seconds, int count, String unit) {
		List<Long> sorted = new ArrayList<>(latenciesNanos);
		Collections.sort(sorted);
		String line = String.format(Locale.ROOT, "%s: %d %s in %.1f s = %.1f %s/s; latency p50 %.1f ms, p99 %.1f ms",
				what, count, unit, seconds, count / seconds, unit, percentile(sorted, 50), percentile(sorted, 99));
		System.out.println("figure: " + line);
		this.figures.add(line);
	}

	private static double percentile(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private static void runAll(List<Callable<Void>> calls) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
			for (Future<Void> result : pool.invokeAll(calls)) {
				result.get();
			}
		}
	}

	private static HttpResponse<String> send(String method, String url, String token, Object body) {
		return Http.send(method, url, token, "application/json", Http.toJson(body));
	}

	/** Access tokens live five minutes; the benchmark takes longer. */
	static Supplier<String> cached(Supplier<String> login) {
		return new Supplier<>() {

			private String token;

			private long fetchedAt;

			@Override
			public synchronized String get() {
				if (this.token == null || System.nanoTime() - this.fetchedAt > Duration.ofMinutes(3).toNanos()) {
					this.token = login.get();
					this.fetchedAt = System.nanoTime();
				}
				return this.token;
			}
		};
	}

	/**
	 * How much of everything: full size for the figures, smoke size for a check in
	 * seconds that the benchmark still runs.
	 */
	record Size(int therapists, int groups, int patients, int sessionsRecorded, int renders) {

		static final Size FULL = new Size(10, 200, 10, 50, 50);

		static final Size SMOKE = new Size(2, 4, 2, 2, 3);

	}

	/** A therapist created by the director and signed in. */
	record Staff(String id, Supplier<String> token) {

		static Staff create(String directorToken, String name) {
			String email = name.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID().toString().substring(0, 6)
					+ "@example.org";
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("firstName", name);
			body.put("lastName", "Therapist");
			body.put("email", email);
			body.put("role", "therapist");
			body.put("licenceType", "LPC");
			body.put("licenceNumber", "L-" + UUID.randomUUID().toString().substring(0, 8));
			HttpResponse<String> created = Patients.post("/api/auth/staff", directorToken, body);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			JsonNode account = Http.json(created);
			HttpResponse<String> accepted = Patients.post("/api/auth/public/invitations/accept", null,
					Map.of("code", account.get("code").asText(), "password", Patients.PASSWORD));
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
			Supplier<String> token = cached(() -> {
				HttpResponse<String> signIn = Http
					.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token", Map.of("grant_type",
							"password", "client_id", "therapy-cli", "username", email, "password", Patients.PASSWORD));
				assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
				return Http.json(signIn).get("access_token").asText();
			});
			return new Staff(account.get("userId").asText(), token);
		}
	}

}
