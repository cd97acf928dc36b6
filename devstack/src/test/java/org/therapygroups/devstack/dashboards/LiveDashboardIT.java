package org.therapygroups.devstack.dashboards;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.devstack.robustness.FreshUser;
import org.therapygroups.devstack.scheduling.Patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Live dashboard updates end to end: STOMP over a real WebSocket through the gateway's
 * {@code /ws/**} route to sessions-service, with real Keycloak tokens. A director watches
 * their program, a therapist records attendance through the gateway's API, and the
 * director's connection receives the frame; the program's figures then show it. Another
 * program's director is refused the subscription; a handshake from a foreign origin or
 * without a token is refused.
 */
@ExtendWith(RunningStack.class)
class LiveDashboardIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static String director;

	private static String therapist;

	private static String programId;

	private static String groupId;

	private static String sessionId;

	private static Patients.Patient patient;

	@BeforeAll
	static void aProgramWithAStartedSession() throws Exception {
		director = Tokens.forUser("director1");
		// a therapist of its own: other tests book the demo therapist at about the same
		// times
		String therapistId = newTherapist();
		patient = Patients.invite("Lena");
		HttpResponse<String> program = Patients.post("/api/sessions/programs", director,
				Map.of("name", "Live " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "UTC"));
		assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
		programId = Http.json(program).get("id").asText();

		LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(10);
		Map<String, Object> group = new LinkedHashMap<>();
		group.put("name", "Live aftercare");
		group.put("modality", "PSYCHODYNAMIC");
		group.put("openness", "OPEN");
		group.put("aftercare", true);
		group.put("selfEnrollment", true);
		group.put("minSize", 1);
		group.put("maxSize", 8);
		group.put("facilitators", List.of(Map.of("therapistId", therapistId, "role", "LEAD")));
		group.put("location", Map.of("telehealthUrl", "https://video.example.test/live"));
		group.put("sessionMinutes", 60);
		group.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", start.toString(), "count", 2));
		HttpResponse<String> created = null;
		Instant deadline = Instant.now().plus(TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			created = Patients.post("/api/sessions/programs/" + programId + "/groups", director, group);
			// the facilitator may not have reached the sessions directory yet
			if (created.statusCode() != 400) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		groupId = Http.json(created).get("id").asText();
		HttpResponse<String> joined = Patients.post("/api/sessions/groups/" + groupId + "/memberships", patient.token(),
				Map.of());
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
		JsonNode sessions = Http.json(Http.get(gateway("/api/sessions/groups/" + groupId + "/sessions"), therapist));
		sessionId = sessions.get(0).get("id").asText();
		HttpResponse<String> started = Patients.post("/api/sessions/sessions/" + sessionId + "/start", therapist,
				Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
	}

	private static String newTherapist() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> staff = new LinkedHashMap<>();
		staff.put("firstName", "Live");
		staff.put("lastName", "Therapist" + suffix);
		staff.put("email", "live." + suffix + "@example.org");
		staff.put("role", "therapist");
		staff.put("licenceType", "LPC");
		staff.put("licenceNumber", "L-" + suffix);
		HttpResponse<String> created = Patients.post("/api/auth/staff", director, staff);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String password = "Live-therapist-2026";
		HttpResponse<String> accepted = Patients.post("/api/auth/public/invitations/accept", null,
				Map.of("code", Http.json(created).get("code").asText(), "password", password));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> token = Http.postForm(RunningStack.config().issuer() + "/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "therapy-cli", "username",
						Http.json(accepted).get("username").asText(), "password", password));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		therapist = Http.json(token).get("access_token").asText();
		return Http.json(accepted).get("userId").asText();
	}

	@Test
	void recordedAttendanceReachesTheDirectorsScreenThroughTheGateway() throws Exception {
		try (StompConnection screen = StompConnection.open(webSocket(), origin(), director)) {
			assertThat(screen.subscribe("/topic/programs/" + programId, Duration.ofSeconds(2))).isNull();

			Instant written = Instant.now();
			HttpResponse<String> present = Http.send("PUT",
					gateway("/api/sessions/sessions/" + sessionId + "/attendance/" + patient.id()), therapist,
					"application/json", Http.toJson(Map.of("status", "PRESENT")));
			assertThat(present.statusCode()).as(present.body()).isEqualTo(200);

			StompConnection.Frame message = screen.await((f) -> f.command().equals("MESSAGE")
					&& f.body().contains("therapy.attendance.recorded.v1") && f.body().contains(sessionId), TIMEOUT);
			Duration latency = Duration.between(written, Instant.now());
			System.out.println("attendance write -> frame through the gateway: " + latency.toMillis() + " ms");
			assertThat(message.headers()).containsEntry("destination", "/topic/programs/" + programId);
			JsonNode frame = Http.parse(message.body());
			assertThat(frame.get("programId").asText()).isEqualTo(programId);
			assertThat(frame.get("groupId").asText()).isEqualTo(groupId);
			assertThat(frame.get("sessionId").asText()).isEqualTo(sessionId);
			assertThat(frame.get("patientId").asText()).isEqualTo(patient.id());
			assertThat(frame.get("attendance").asText()).isEqualTo("PRESENT");
			// identifiers and a status only: no names, nothing clinical
			assertThat(message.body()).doesNotContain("Lena", "Live aftercare");

			// the screen fetches the figures again: the read model counts the attendance
			JsonNode figures = null;
			Instant until = Instant.now().plus(TIMEOUT);
			while (Instant.now().isBefore(until)) {
				HttpResponse<String> view = Http.get(gateway("/api/sessions/dashboards/sessions/" + sessionId),
						director);
				assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
				figures = Http.json(view).get("figures");
				if (figures.get("attended").asLong() == 1) {
					break;
				}
				Thread.sleep(250);
			}
			assertThat(figures.get("attended").asLong()).as("%s", figures).isEqualTo(1);
			assertThat(figures.get("noShow").asLong()).isZero();
		}
	}

	@Test
	void anotherProgramsDirectorIsRefusedTheSubscription() throws Exception {
		String otherDirector = FreshUser.token("director");
		try (StompConnection screen = StompConnection.open(webSocket(), origin(), otherDirector)) {
			StompConnection.Frame refused = screen.subscribe("/topic/programs/" + programId, TIMEOUT);
			assertThat(refused).as("the subscription of another program's director").isNotNull();
			assertThat(refused.command()).isIn("ERROR", "CLOSED");
		}
		// the therapist facilitates the group but directs no program
		try (StompConnection screen = StompConnection.open(webSocket(), origin(), therapist)) {
			assertThat(screen.subscribe("/topic/programs/" + programId, TIMEOUT)).isNotNull();
		}
	}

	/**
	 * The gateway upgrades the client's connection before it opens its own to
	 * sessions-service; when the service refuses the origin (403), the gateway closes the
	 * client's WebSocket at once (1002). Either way no STOMP session is ever connected.
	 */
	@Test
	void aHandshakeFromAnotherOriginIsRefused() {
		Throwable refused = catchThrowable(
				() -> StompConnection.open(webSocket(), "https://evil.example.test", director).close());
		assertThat(refused).as("a connection from another origin").isNotNull();
		if (refused instanceof ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(handshake) -> assertThat(handshake.getResponse().statusCode()).isEqualTo(403));
		}
		else {
			assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("command=CLOSED");
		}
	}

	@Test
	void aHandshakeWithoutATokenIsRefusedAtTheGateway() {
		assertThatThrownBy(() -> StompConnection.open(webSocket(), origin(), null))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
	}

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	/** The gateway's own address is the web app's origin. */
	private static String origin() {
		return RunningStack.config().gatewayUrl();
	}

	private static String webSocket() {
		return RunningStack.config().gatewayUrl().replaceFirst("^http", "ws") + "/ws/dashboard";
	}

}
