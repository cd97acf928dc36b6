package org.therapygroups.devstack.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests need to exist first, made through the API as a director would
 * (Object Mother): a program, an aftercare group starting soon, an invited patient.
 */
final class Clinic {

	static final String THERAPIST_PASSWORD = "Therapist-pass-2026";

	private Clinic() {
	}

	static String director() {
		return Tokens.forUser("director1");
	}

	/**
	 * A new therapist who has accepted their invitation: groups of different tests never
	 * book the same facilitator at the same time.
	 */
	static String therapist(String firstName) {
		return newTherapist(firstName).userId();
	}

	/** A new therapist who can sign in with {@link #THERAPIST_PASSWORD}. */
	static Staff newTherapist(String firstName) {
		Map<String, Object> staff = new LinkedHashMap<>();
		staff.put("firstName", firstName);
		staff.put("lastName", "Browser" + suffix());
		staff.put("email", firstName.toLowerCase(java.util.Locale.ROOT) + "." + suffix() + "@example.org");
		staff.put("role", "therapist");
		staff.put("licenceType", "LPC");
		staff.put("licenceNumber", "L-" + suffix());
		HttpResponse<String> created = post("/api/auth/staff", director(), staff);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode account = Http.json(created);
		HttpResponse<String> accepted = post("/api/auth/public/invitations/accept", null,
				Map.of("code", account.get("code").asText(), "password", THERAPIST_PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		return new Staff(Http.json(accepted).get("userId").asText(), account.get("username").asText());
	}

	static String program(String name) {
		HttpResponse<String> program = post("/api/sessions/programs", director(),
				Map.of("name", name + " " + suffix(), "timeZone", "UTC"));
		assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
		return Http.json(program).get("id").asText();
	}

	/** A self-enrolment aftercare group whose first session starts in ten minutes. */
	static JsonNode groupStartingSoon(String programId, String name, int seats) throws InterruptedException {
		return groupStartingIn(programId, name, seats, 10);
	}

	/**
	 * A self-enrolment aftercare group whose first session starts in about that many
	 * minutes.
	 */
	static JsonNode groupStartingIn(String programId, String name, int seats, int minutes) throws InterruptedException {
		LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(minutes);
		Map<String, Object> group = new LinkedHashMap<>();
		group.put("name", name);
		group.put("modality", "CBT");
		group.put("openness", "OPEN");
		group.put("aftercare", true);
		group.put("selfEnrollment", true);
		group.put("minSize", 1);
		group.put("maxSize", seats);
		group.put("facilitators", List.of(Map.of("therapistId", therapist("Thea"), "role", "LEAD")));
		group.put("location", Map.of("room", "2.14", "telehealthUrl", "https://video.example.test/" + suffix()));
		group.put("sessionMinutes", 60);
		group.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", start.toString(), "count", 3));
		HttpResponse<String> created = null;
		Instant deadline = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(deadline)) {
			created = post("/api/sessions/programs/" + programId + "/groups", director(), group);
			// the facilitator may not have reached the sessions directory yet
			if (created.statusCode() != 400) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return Http.json(created);
	}

	/** An invitation as the patient receives it: a username and a one-time code. */
	static Invitation invite(String firstName) {
		HttpResponse<String> created = post("/api/auth/invitations", director(),
				Map.of("firstName", firstName, "lastName", "Browser" + suffix()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode invitation = Http.json(created);
		return new Invitation(invitation.get("userId").asText(), invitation.get("username").asText(),
				invitation.get("code").asText());
	}

	static HttpResponse<String> get(String path, String token) {
		return Http.get(RunningStack.config().gatewayUrl() + path, token);
	}

	static HttpResponse<String> post(String path, String token, Object body) {
		return Http.send("POST", RunningStack.config().gatewayUrl() + path, token, "application/json",
				Http.toJson(body));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

	record Invitation(String userId, String username, String code) {
	}

	record Staff(String userId, String username) {
	}

}
