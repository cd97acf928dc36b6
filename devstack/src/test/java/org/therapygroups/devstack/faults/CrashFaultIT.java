package org.therapygroups.devstack.faults;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.Probes;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.devstack.scheduling.Patients;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes: processes of the running stack are killed with SIGKILL, as a crash or an OOM
 * kill would, under load. The launcher reports each death and starts the process again;
 * nothing acknowledged is lost, no half-made account survives, and consumers resume as
 * soon as their service is ready. Prints the figures recorded in docs/faults.md.
 */
@ExtendWith(RunningStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashFaultIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration BACK = Duration.ofSeconds(180);

	@Test
	@Order(1)
	void theDatabaseKilledUnderAttendanceWritesLosesNothingAcknowledged() throws Exception {
		Fixture fixture = Fixture.create(4);
		sharedFixture = fixture;
		String session = fixture.sessionIds.get(0);
		// tokens live five minutes, less than this test may take on a loaded machine
		java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>(
				fixture.therapist);
		assertThat(post("/api/sessions/sessions/" + session + "/start", fixture.therapist, Map.of()).statusCode())
			.isEqualTo(200);
		// per cell: version -> status, as acknowledged with a 200
		Map<String, Map<Integer, String>> acknowledged = new ConcurrentHashMap<>();
		// a version answered twice means the first answer's write was lost: counted, and
		// the writer goes on, so the end of the test reports every loss
		List<String> answeredTwice = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writers = Executors.newFixedThreadPool(fixture.patientIds.size());
		List<Future<Integer>> counts = new ArrayList<>();
		String[] statuses = { "PRESENT", "LATE", "ABSENT", "EXCUSED" };
		for (String patient : fixture.patientIds) {
			Map<Integer, String> cell = new ConcurrentHashMap<>();
			acknowledged.put(patient, cell);
			counts.add(writers.submit(() -> {
				int i = 0;
				while (writing.get()) {
					String status = statuses[i++ % statuses.length];
					Map<String, Object> body = new HashMap<>(Map.of("status", status, "reason", "crash test"));
					if (status.equals("LATE")) {
						body.put("minutes", 5);
					}
					try {
						HttpResponse<String> put = Http.send("PUT",
								gateway("/api/sessions/sessions/" + session + "/attendance/" + patient), token.get(),
								"application/json", Http.toJson(body));
						if (put.statusCode() == 401) {
							token.set(therapistToken());
						}
						if (put.statusCode() == 200) {
							JsonNode view = Http.json(put);
							String before = cell.putIfAbsent(view.get("version").asInt(), view.get("status").asText());
							if (before != null) {
								answeredTwice.add(patient + " v" + view.get("version").asInt());
							}
						}
					}
					catch (RuntimeException ex) {
						// the gateway or the service timing out while the database is
						// away
					}
				}
				return i;
			}));
		}
		waitFor(() -> acknowledged.values().stream().mapToInt(Map::size).sum() >= 40, Duration.ofSeconds(60),
				"attendance writes");
		long mongoPid = kill("mongo");
		int acknowledgedAtKill = acknowledged.values().stream().mapToInt(Map::size).sum();
		waitFor(() -> restarted("mongo", mongoPid), BACK, "the database restarted");
		int afterRestart = acknowledged.values().stream().mapToInt(Map::size).sum();
		try {
			waitFor(() -> acknowledged.values().stream().mapToInt(Map::size).sum() >= afterRestart + 40, BACK,
					"attendance writes after the restart");
		}
		finally {
			// never leave writers running into the next tests' rate limits
			writing.set(false);
		}
		for (Future<Integer> count : counts) {
			count.get();
		}
		writers.shutdown();

		int total = 0;
		int lost = 0;
		for (String patient : fixture.patientIds) {
			JsonNode history = Http.json(
					get("/api/sessions/sessions/" + session + "/attendance/" + patient + "/history", therapistToken()));
			Map<Integer, String> stored = new HashMap<>();
			for (JsonNode version : history.has("versions") ? history.get("versions") : history) {
				assertThat(stored.put(version.get("version").asInt(), version.get("status").asText()))
					.as("version %s of %s stored twice", version.get("version"), patient)
					.isNull();
			}
			for (var ack : acknowledged.get(patient).entrySet()) {
				total++;
				if (!ack.getValue().equals(stored.get(ack.getKey()))) {
					lost++;
				}
			}
		}
		// sessions.events: never two different events for one version of one cell
		Map<String, String> eventByCellVersion = new HashMap<>();
		int conflicting = 0;
		for (CloudEvent event : events(Topics.SESSIONS, fixture.groupId, Duration.ofSeconds(20))) {
			if (!event.getType().equals(EventTypes.Sessions.ATTENDANCE_RECORDED)
					&& !event.getType().equals(EventTypes.Sessions.ATTENDANCE_CORRECTED)) {
				continue;
			}
			JsonNode data = JSON.readTree(event.getData().toBytes());
			String cell = data.get("sessionId").asText() + "/" + data.get("patientId").asText() + "/"
					+ data.get("version").asInt();
			String earlier = eventByCellVersion.putIfAbsent(cell, event.getId());
			if (earlier != null && !earlier.equals(event.getId())) {
				conflicting++;
			}
		}
		System.out.printf(
				"FAULT database: %d attendance writes acknowledged (%d before the kill), lost %d, "
						+ "versions claimed by two events %d, versions answered twice %s%n",
				total, acknowledgedAtKill, lost, conflicting, answeredTwice);
		assertThat(answeredTwice).as("versions answered twice (the first write was lost)").isEmpty();
		assertThat(lost).as("acknowledged writes lost").isZero();
		assertThat(conflicting).as("versions claimed by two different events").isZero();
		assertThat(total).isGreaterThan(acknowledgedAtKill);
	}

	private static final String THERAPIST_PASSWORD = "Crash-suite-therapist-26";

	private static String therapistUsername;

	/**
	 * A token of this suite's own therapist, created on first use: the other end-to-end
	 * tests book therapist1 in the coming hour too, and a facilitator is never
	 * double-booked.
	 */
	private static synchronized String therapistToken() {
		if (therapistUsername == null) {
			String email = "crash." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
			Map<String, Object> staff = new LinkedHashMap<>();
			staff.put("firstName", "Cora");
			staff.put("lastName", "Crash");
			staff.put("email", email);
			staff.put("role", "therapist");
			staff.put("licenceType", "LPC");
			staff.put("licenceNumber", "C-1");
			HttpResponse<String> created = post("/api/auth/staff", Tokens.forUser("director1"), staff);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			HttpResponse<String> accepted = post("/api/auth/public/invitations/accept", null,
					Map.of("code", Http.json(created).get("code").asText(), "password", THERAPIST_PASSWORD));
			assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
			therapistUsername = email;
		}
		HttpResponse<String> token = Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "therapy-cli", "username", therapistUsername, "password",
						THERAPIST_PASSWORD));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return Http.json(token).get("access_token").asText();
	}

	private static Fixture sharedFixture;

	@Test
	@Order(2)
	void aRestartedNotesServiceDraftsAtOnce() throws Exception {
		// the first session, started by the database test (only the first may be opened
		// now)
		Fixture fixture = sharedFixture;
		if (fixture == null) {
			fixture = Fixture.create(1);
			assertThat(
					post("/api/sessions/sessions/" + fixture.sessionIds.get(0) + "/start", fixture.therapist, Map.of())
						.statusCode())
				.isEqualTo(200);
		}
		String therapist = therapistToken();
		String session = fixture.sessionIds.get(0);
		Instant killedAt = Instant.now();
		long pid = kill("notes-service");
		// completed while notes-service is down: its draft waits on the topic
		HttpResponse<String> completed = post("/api/sessions/sessions/" + session + "/complete", therapist, Map.of());
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		String readiness = "http://127.0.0.1:" + RunningStack.config().notesPort() + "/actuator/health/readiness";
		waitFor(() -> restarted("notes-service", pid) && Probes.httpOk(readiness), BACK, "notes-service ready");
		Instant readyAt = Instant.now();
		waitFor(() -> get("/api/notes?sessionId=" + session, therapist).statusCode() == 200, Duration.ofSeconds(60),
				"the draft of the session completed during the crash");
		Instant draftAt = Instant.now();
		System.out.printf(
				"FAULT notes-service: killed -> ready %.1f s, ready -> draft %.1f s, killed -> draft %.1f s%n",
				seconds(killedAt, readyAt), seconds(readyAt, draftAt), seconds(killedAt, draftAt));
		// without static membership the draft waited for the dead consumer's session to
		// expire (45 s) after the restart
		assertThat(Duration.between(readyAt, draftAt)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	@Order(3)
	void noHalfMadeAccountSurvivesAKilledAuthService() throws Exception {
		String marker = "Crash" + UUID.randomUUID().toString().substring(0, 6);
		String director = Tokens.forUser("director1");
		AtomicBoolean inviting = new AtomicBoolean(true);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		ExecutorService inviters = Executors.newFixedThreadPool(3);
		List<Future<?>> runs = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			runs.add(inviters.submit(() -> {
				int i = 0;
				while (inviting.get()) {
					try {
						HttpResponse<String> created = post("/api/auth/invitations", director, Map.of("firstName",
								"P" + Thread.currentThread().threadId() + "n" + i++, "lastName", marker));
						if (created.statusCode() == 201) {
							acknowledged.add(Http.json(created).get("userId").asText());
						}
					}
					catch (RuntimeException ex) {
						// auth-service away
					}
				}
			}));
		}
		waitFor(() -> acknowledged.size() >= 6, Duration.ofSeconds(90), "invitations");
		long pid = kill("auth-service");
		Thread.sleep(500);
		inviting.set(false);
		for (Future<?> run : runs) {
			run.get();
		}
		inviters.shutdown();
		int halfMadeAfterCrash = halfMade(marker).size();
		Instant killedAt = Instant.now();
		String readiness = "http://127.0.0.1:" + RunningStack.config().authPort() + "/actuator/health/readiness";
		waitFor(() -> restarted("auth-service", pid) && Probes.httpOk(readiness), BACK, "auth-service ready");
		waitFor(() -> halfMade(marker).isEmpty(), Duration.ofSeconds(90), "half-made accounts undone");
		System.out.printf(
				"FAULT auth-service: %d invitations acknowledged, %d half-made Keycloak users right after "
						+ "the kill, 0 left %.1f s after the kill%n",
				acknowledged.size(), halfMadeAfterCrash, seconds(killedAt, Instant.now()));
		// every acknowledged invitation kept its account
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			var accounts = mongo.getDatabase("therapy_auth").getCollection("accounts");
			for (String userId : acknowledged) {
				assertThat(accounts.find(new Document("_id", userId)).first()).as("account %s", userId).isNotNull();
			}
		}
	}

	@Test
	@Order(4)
	void theLauncherRestartsAKilledServiceAndUpdatesItsPidFile() throws Exception {
		long pid = kill("gateway");
		waitFor(() -> restarted("gateway", pid), BACK, "gateway restarted");
		waitFor(() -> Probes.httpOk(RunningStack.config().gatewayUrl() + "/actuator/health/readiness"), BACK,
				"gateway ready");
		long now = RunningStack.stack().process("gateway").orElseThrow().pid();
		assertThat(Files.readString(RunningStack.config().pidDir().resolve("gateway.pid")).strip())
			.isEqualTo(Long.toString(now));
		assertThat(RunningStack.stack().gaveUp()).isNotDone();
	}

	/**
	 * Keycloak users of this test without an account document in auth-service's database.
	 */
	private static List<String> halfMade(String marker) {
		HttpResponse<String> users = Http.get(RunningStack.config().keycloakUrl()
				+ "/admin/realms/therapy/users?max=1000&lastName=" + marker + "&exact=true", Tokens.admin());
		assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		Http.json(users).forEach((user) -> ids.add(user.get("id").asText()));
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			var accounts = mongo.getDatabase("therapy_auth").getCollection("accounts");
			return ids.stream().filter((id) -> accounts.find(new Document("_id", id)).first() == null).toList();
		}
	}

	private static long kill(String component) {
		ProcessHandle process = RunningStack.stack().process(component).orElseThrow();
		// SIGKILL, as a crash or the OOM killer would
		process.destroyForcibly();
		process.onExit().join();
		return process.pid();
	}

	private static boolean restarted(String component, long oldPid) {
		return RunningStack.stack()
			.process(component)
			.filter(ProcessHandle::isAlive)
			.filter((p) -> p.pid() != oldPid)
			.isPresent();
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

	private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit, String what)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not yet answering
			}
			Thread.sleep(250);
		}
		throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
	}

	private static List<CloudEvent> events(String topic, String key, Duration quiet) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StructuredCloudEventDeserializer())) {
			consumer.subscribe(List.of(topic));
			Instant lastSeen = Instant.now();
			while (Duration.between(lastSeen, Instant.now()).compareTo(quiet) < 0) {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					lastSeen = Instant.now();
					if (key.equals(record.key()) && record.value() != null) {
						found.add(record.value());
					}
				}
			}
		}
		return found;
	}

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	private static HttpResponse<String> get(String path, String token) {
		return Http.get(gateway(path), token);
	}

	private static HttpResponse<String> post(String path, String token, Object body) {
		return Patients.post(path, token, body);
	}

	/** A group with members and three daily sessions, the first in ten minutes. */
	private record Fixture(String therapist, String groupId, List<String> patientIds, List<String> sessionIds) {

		static Fixture create(int patients) throws Exception {
			String director = Tokens.forUser("director1");
			String therapist = therapistToken();
			String therapistId = Http.json(get("/api/auth/me/profile", therapist)).get("id").asText();
			HttpResponse<String> program = post("/api/sessions/programs", director,
					Map.of("name", "Crash " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "UTC"));
			assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
			LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(10);
			Map<String, Object> group = new LinkedHashMap<>();
			group.put("name", "Crash group");
			group.put("modality", "CBT");
			group.put("openness", "OPEN");
			group.put("aftercare", true);
			group.put("selfEnrollment", true);
			group.put("minSize", 1);
			group.put("maxSize", 10);
			group.put("facilitators", List.of(Map.of("therapistId", therapistId, "role", "LEAD")));
			group.put("location", Map.of("telehealthUrl", "https://video.example.test/crash"));
			group.put("sessionMinutes", 60);
			group.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", start.toString(), "count", 3));
			HttpResponse<String> created = null;
			Instant deadline = Instant.now().plusSeconds(60);
			while (Instant.now().isBefore(deadline)) {
				created = post("/api/sessions/programs/" + Http.json(program).get("id").asText() + "/groups", director,
						group);
				// the facilitator may not have reached the sessions directory yet
				if (created.statusCode() != 400) {
					break;
				}
				Thread.sleep(500);
			}
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String groupId = Http.json(created).get("id").asText();
			List<String> patientIds = new ArrayList<>();
			for (int i = 0; i < patients; i++) {
				Patients.Patient patient = Patients.invite("Crash" + i);
				HttpResponse<String> joined = post("/api/sessions/groups/" + groupId + "/memberships", patient.token(),
						Map.of());
				assertThat(joined.statusCode()).as(joined.body()).isIn(200, 201);
				patientIds.add(patient.id());
			}
			List<String> sessionIds = new ArrayList<>();
			Http.json(get("/api/sessions/groups/" + groupId + "/sessions", therapist))
				.forEach((s) -> sessionIds.add(s.get("id").asText()));
			assertThat(sessionIds).hasSize(3);
			return new Fixture(therapist, groupId, patientIds, sessionIds);
		}

	}

}
