package org.therapygroups.sessions.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoTemplate;

import org.therapygroups.platform.directory.DirectoryUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object Mother of the scheduling tests: users in the directory read model (as the
 * identity events would put them there), programs and groups created through the API.
 */
public final class Fixtures {

	private final MongoTemplate mongo;

	private final Api api;

	public Fixtures(MongoTemplate mongo, Api api) {
		this.mongo = mongo;
		this.api = api;
	}

	public Api api() {
		return this.api;
	}

	public Caller director() {
		return Caller.director(user("director", true));
	}

	public Caller therapist() {
		return Caller.therapist(user("therapist", true));
	}

	public Caller patient() {
		return Caller.patient(user("patient", true));
	}

	public String user(String role, boolean active) {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		this.mongo.save(new DirectoryUser(id, role, role + " " + id.substring(0, 4), active, now, now, now));
		return id;
	}

	public String program(Caller director) {
		return program(director, "Europe/Berlin");
	}

	public String program(Caller director, String zone) {
		Api.Response response = this.api.post(director, "/api/sessions/programs",
				Map.of("name", "Aftercare " + UUID.randomUUID().toString().substring(0, 6), "timeZone", zone));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	/**
	 * A valid group request: weekly on Tuesdays at 18:00 from 1 September 2026, 90
	 * minutes, telehealth, aftercare with self-enrolment, 2 to 8 members.
	 */
	public static Map<String, Object> groupRequest(String leadTherapistId) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", "Tuesday aftercare");
		request.put("modality", "PSYCHODYNAMIC");
		request.put("openness", "OPEN");
		request.put("aftercare", true);
		request.put("selfEnrollment", true);
		request.put("minSize", 2);
		request.put("maxSize", 8);
		List<Map<String, Object>> facilitators = new ArrayList<>();
		facilitators.add(new LinkedHashMap<>(Map.of("therapistId", leadTherapistId, "role", "LEAD")));
		request.put("facilitators", facilitators);
		request.put("location", new LinkedHashMap<>(Map.of("telehealthUrl", "https://video.example.test/room-1")));
		request.put("sessionMinutes", 90);
		request.put("recurrence",
				new LinkedHashMap<>(Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-01T18:00:00")));
		return request;
	}

	public Api.Response createGroup(Caller director, String programId, Map<String, Object> request) {
		return this.api.post(director, "/api/sessions/programs/" + programId + "/groups", request);
	}

	public String group(Caller director, String programId, Map<String, Object> request) {
		Api.Response response = createGroup(director, programId, request);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	public String enrol(Caller caller, String groupId, String patientId) {
		Api.Response response = this.api.post(caller, "/api/sessions/groups/" + groupId + "/memberships",
				(patientId != null) ? Map.of("patientId", patientId) : Map.of());
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json("$.episodeId");
	}

	/** The group's sessions from the test's "now" on, as the API lists them to staff. */
	public List<Map<String, Object>> sessions(Caller staff, String groupId) {
		Api.Response response = this.api.get(staff,
				"/api/sessions/groups/" + groupId + "/sessions?from=2026-08-01T00:00:00Z&to=2027-08-01T00:00:00Z");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json("$");
	}

	public String firstSession(Caller staff, String groupId) {
		return (String) sessions(staff, groupId).get(0).get("id");
	}

}
