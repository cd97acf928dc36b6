package org.therapygroups.devstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.therapygroups.devstack.demo.DemoProgram.GroupPlan;
import org.therapygroups.devstack.demo.DemoProgram.Member;
import org.therapygroups.devstack.demo.DemoProgram.Patient;
import org.therapygroups.devstack.demo.DemoProgram.Placement;
import org.therapygroups.devstack.demo.DemoReport.Kind;

/**
 * One group of the demo program, made through the API the way a program would have lived
 * it: the director creates the group with a first session weeks ago and records its
 * members since the week they joined; the lead facilitator runs every past session
 * (start, attendance, complete) and writes and signs its note. What already exists is
 * found and left as it is.
 */
final class GroupLoader {

	/** How long a user made a moment ago may take to reach the services' directories. */
	private static final Duration PROPAGATION = Duration.ofSeconds(90);

	private static final Set<String> OPEN_EPISODES = Set.of("ACTIVE", "ON_HOLD", "WAITLISTED");

	private final Gateway api;

	private final Logins logins;

	private final DemoReport report;

	private final PrintStream out;

	private final String programId;

	private final Placement placement;

	private final GroupPlan plan;

	private final DemoSize size;

	private final DemoData.People people;

	private final Map<String, Boolean> signedNotes;

	private final ZoneId zone = ZoneId.of(DemoProgram.TIME_ZONE);

	/** Attendance records this loader made. */
	private int recorded;

	GroupLoader(DemoData.Context context, Placement placement) {
		this.api = context.api();
		this.logins = context.logins();
		this.report = context.report();
		this.out = context.out();
		this.programId = context.programId();
		this.people = context.people();
		this.signedNotes = context.signedNotes();
		this.size = context.size();
		this.placement = placement;
		this.plan = placement.group();
	}

	/**
	 * Creates what is missing of the group and its past.
	 * @param existing the program's groups as the director lists them
	 * @return the group's id
	 */
	String load(List<JsonNode> existing) {
		Instant began = Instant.now();
		String groupId = group(existing);
		List<JsonNode> past = pastSessions(groupId);
		memberships(groupId, past);
		int held = 0;
		int cancelled = 0;
		List<String> completed = new ArrayList<>(Collections.nCopies(past.size(), null));
		for (int week = 0; week < past.size(); week++) {
			String outcome = session(past.get(week), week, past.size());
			if (outcome.equals("COMPLETED")) {
				completed.set(week, past.get(week).path("id").asText());
				held++;
			}
			else if (outcome.equals("CANCELLED")) {
				cancelled++;
			}
		}
		int[] notes = notes(completed);
		this.out.printf(
				"  ✓ %-40s %2d past sessions (%d held, %d called off), %d attendance records, "
						+ "%d notes signed, %d open  %4.1f s%n",
				this.plan.name(), past.size(), held, cancelled, this.recorded, notes[0], notes[1],
				Duration.between(began, Instant.now()).toMillis() / 1000.0);
		return groupId;
	}

	private String director() {
		return this.logins.token(DemoProgram.DIRECTOR, DemoProgram.DIRECTOR_PASSWORD);
	}

	private String facilitator() {
		return this.logins.token(DemoProgram.THERAPISTS.get(this.plan.lead()).email(), DemoProgram.STAFF_PASSWORD);
	}

	// --- the group ------------------------------------------------------------------

	private String group(List<JsonNode> existing) {
		for (JsonNode group : existing) {
			if (group.path("name").asText().equals(this.plan.name())) {
				this.report.existing(Kind.GROUPS, 1);
				return group.path("id").asText();
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", this.plan.name());
		body.put("modality", this.plan.modality());
		body.put("openness", this.plan.openness());
		body.put("aftercare", this.plan.aftercare());
		body.put("selfEnrollment", this.plan.selfEnrollment());
		body.put("minSize", this.plan.minSize());
		body.put("maxSize", this.plan.maxSize());
		List<Map<String, String>> facilitators = new ArrayList<>();
		facilitators.add(Map.of("therapistId", this.people.therapistId(this.plan.lead()), "role", "LEAD"));
		if (this.plan.coFacilitator() != null) {
			facilitators.add(Map.of("therapistId", this.people.therapistId(this.plan.coFacilitator()), "role",
					"CO_FACILITATOR"));
		}
		body.put("facilitators", facilitators);
		body.put("location", Map.of("room", this.plan.room()));
		body.put("sessionMinutes", this.plan.minutes());
		body.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=" + this.plan.day().name().substring(0, 2), "start",
				firstSession().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)));
		Instant deadline = Instant.now().plus(PROPAGATION);
		while (true) {
			Gateway.Reply created = this.api.post("/api/sessions/programs/" + this.programId + "/groups", director(),
					body);
			// new therapists reach scheduling through identity.events a moment later
			if (created.is(400) && created.field().startsWith("facilitators") && Instant.now().isBefore(deadline)) {
				Gateway.pause(Duration.ofSeconds(1));
				continue;
			}
			created.expect(201);
			this.report.created(Kind.GROUPS, 1);
			return created.json().path("id").asText();
		}
	}

	/**
	 * The first session: the group's weekday and time on or after the day that many weeks
	 * ago, so the group has about that many past sessions.
	 */
	private java.time.LocalDateTime firstSession() {
		LocalDate from = LocalDate.now(this.zone).minusWeeks(this.size.weeks());
		return from.with(TemporalAdjusters.nextOrSame(this.plan.day())).atTime(this.plan.time());
	}

	/** The group's sessions that have ended, oldest first. */
	private List<JsonNode> pastSessions(String groupId) {
		Instant now = Instant.now();
		Instant from = now.minus(Duration.ofDays(7L * 53));
		Gateway.Reply reply = this.api
			.get("/api/sessions/groups/" + groupId + "/sessions?from=" + from + "&to=" + now, director())
			.expect(200);
		List<JsonNode> past = new ArrayList<>();
		reply.json().forEach((session) -> {
			if (Instant.parse(session.path("endsAt").asText()).isBefore(now)) {
				past.add(session);
			}
		});
		past.sort(Comparator.comparing((JsonNode s) -> Instant.parse(s.path("startsAt").asText())));
		return past;
	}

	// --- members ----------------------------------------------------------------------

	private void memberships(String groupId, List<JsonNode> past) {
		String path = "/api/sessions/groups/" + groupId + "/memberships";
		Set<String> enrolled = new HashSet<>();
		this.api.get(path, director()).expect(200).json().forEach((episode) -> {
			if (OPEN_EPISODES.contains(episode.path("status").asText())) {
				enrolled.add(episode.path("patientId").asText());
			}
		});
		for (Member member : this.placement.members()) {
			String patientId = this.people.patientId(member.patient());
			if (enrolled.contains(patientId)) {
				this.report.existing(Kind.MEMBERS, 1);
				continue;
			}
			Map<String, String> body = Map.of("patientId", patientId, "since", since(member, past).toString());
			enrol(path, director(), body, "ACTIVE");
			this.report.created(Kind.MEMBERS, 1);
		}
		for (Patient patient : this.placement.selfEnrolled()) {
			if (enrolled.contains(this.people.patientId(patient))) {
				this.report.existing(Kind.SELF_ENROLLED, 1);
				continue;
			}
			String token = this.logins.token(this.people.username(patient), DemoProgram.PATIENT_PASSWORD);
			enrol(path, token, Map.of(), "ACTIVE");
			this.report.created(Kind.SELF_ENROLLED, 1);
		}
		for (Patient patient : this.placement.waitlisted()) {
			String patientId = this.people.patientId(patient);
			if (enrolled.contains(patientId)) {
				this.report.existing(Kind.WAITLISTED, 1);
				continue;
			}
			enrol(path, director(), Map.of("patientId", patientId), "WAITLISTED");
			this.report.created(Kind.WAITLISTED, 1);
		}
	}

	/**
	 * When a member took their seat: two days before the first session they were a member
	 * for.
	 */
	private Instant since(Member member, List<JsonNode> past) {
		if (past.isEmpty()) {
			return Instant.now().minus(Duration.ofDays(1));
		}
		JsonNode first = past.get(Math.min(member.joinWeek(), past.size() - 1));
		Instant since = Instant.parse(first.path("startsAt").asText()).minus(Duration.ofDays(2));
		Instant earliest = Instant.now().minus(Duration.ofDays(365));
		return since.isBefore(earliest) ? earliest : since;
	}

	private void enrol(String path, String token, Object body, String expected) {
		Instant deadline = Instant.now().plus(PROPAGATION);
		while (true) {
			Gateway.Reply reply = this.api.post(path, token, body);
			// a patient who accepted a moment ago reaches scheduling through
			// identity.events a moment later
			if (reply.is(400) && reply.field().equals("patientId") && Instant.now().isBefore(deadline)) {
				Gateway.pause(Duration.ofSeconds(1));
				continue;
			}
			String status = reply.expect(201).json().path("status").asText();
			if (!status.equals(expected)) {
				throw new DemoException(
						"enrolment in " + this.plan.name() + " ended as " + status + ", not " + expected);
			}
			return;
		}
	}

	// --- sessions -------------------------------------------------------------------

	/**
	 * Brings one past session to where the history has it: called off, or held with
	 * everyone's attendance and completed.
	 * @return the session's status afterwards
	 */
	private String session(JsonNode session, int week, int past) {
		String id = session.path("id").asText();
		String status = session.path("status").asText();
		String path = "/api/sessions/sessions/" + id;
		if (History.cancelled(this.plan, week, past)) {
			if (status.equals("SCHEDULED")) {
				this.api.post(path + "/cancel", facilitator(), Map.of("reason", History.CANCEL_REASON)).expect(200);
				this.report.created(Kind.CANCELLED, 1);
				return "CANCELLED";
			}
			if (status.equals("CANCELLED")) {
				this.report.existing(Kind.CANCELLED, 1);
			}
			return status;
		}
		if (status.equals("COMPLETED")) {
			this.report.existing(Kind.SESSIONS, 1);
			return status;
		}
		if (status.equals("CANCELLED")) {
			return status;
		}
		if (status.equals("SCHEDULED")) {
			this.api.post(path + "/start", facilitator(), Map.of()).expect(200);
		}
		Map<String, Member> members = new HashMap<>();
		this.placement.members().forEach((m) -> members.put(this.people.patientId(m.patient()), m));
		for (JsonNode entry : this.api.get(path + "/attendance", facilitator()).expect(200).json()) {
			Member member = members.get(entry.path("patientId").asText());
			if (member == null || !entry.path("status").asText().equals("NOT_RECORDED")) {
				continue;
			}
			History.Outcome outcome = History.attendance(this.plan, member, week, past);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("status", outcome.status());
			if (outcome.minutes() != null) {
				body.put("minutes", outcome.minutes());
			}
			this.api.put(path + "/attendance/" + entry.path("patientId").asText(), facilitator(), body).expect(200);
			this.report.created(Kind.ATTENDANCE, 1);
			this.recorded++;
		}
		this.api.post(path + "/complete", facilitator(), Map.of()).expect(200);
		this.report.created(Kind.SESSIONS, 1);
		return "COMPLETED";
	}

	// --- notes ----------------------------------------------------------------------

	/**
	 * Writes the group part of the notes the history has signed, and signs them; the
	 * others stay drafts (notes-service opens one for every completed session).
	 * @param completed the id of each past session that is completed, by its place
	 * @return notes signed, notes left open
	 */
	private int[] notes(List<String> completed) {
		int signed = 0;
		int open = 0;
		for (int week = 0; week < completed.size(); week++) {
			String sessionId = completed.get(week);
			if (sessionId == null) {
				continue;
			}
			if (!History.signed(this.plan, week, completed.size())) {
				open++;
				this.report.counted(Kind.NOTES_OPEN, 1);
				continue;
			}
			signed++;
			if (Boolean.TRUE.equals(this.signedNotes.get(sessionId))) {
				this.report.existing(Kind.NOTES_SIGNED, 1);
				continue;
			}
			if (sign(sessionId, week)) {
				this.report.created(Kind.NOTES_SIGNED, 1);
			}
			else {
				this.report.existing(Kind.NOTES_SIGNED, 1);
			}
		}
		return new int[] { signed, open };
	}

	/**
	 * Opens the session's note (or finds the draft notes-service opened), writes the
	 * group part and signs it.
	 * @return {@code true} if it was signed now, {@code false} if it was already
	 */
	private boolean sign(String sessionId, int week) {
		Map<String, String> group = SampleNotes.groupPart(this.plan.modality(), week);
		for (int attempt = 0; attempt < 5; attempt++) {
			JsonNode note = open(sessionId);
			String status = note.path("status").asText();
			if (!status.equals("DRAFT")) {
				return false;
			}
			String noteId = note.path("noteId").asText();
			Gateway.Reply saved = this.api.put("/api/notes/" + noteId + "/group", facilitator(),
					Map.of("version", note.path("groupVersion").asLong(), "group", group));
			if (saved.is(409)) {
				// someone saved the group part meanwhile: read it again
				continue;
			}
			long version = saved.expect(200).json().path("version").asLong();
			Gateway.Reply signed = this.api.post("/api/notes/" + noteId + "/sign", facilitator(),
					Map.of("version", version));
			if (signed.is(409)) {
				// the draft took in the session's roster meanwhile: read it again
				continue;
			}
			signed.expect(200);
			return true;
		}
		throw new DemoException("the note of a session of " + this.plan.name() + " kept changing while being signed");
	}

	private JsonNode open(String sessionId) {
		Instant deadline = Instant.now().plus(PROPAGATION);
		while (true) {
			Gateway.Reply reply = this.api.post("/api/notes", facilitator(), Map.of("sessionId", sessionId));
			// notes-service learns of the session and its facilitators through
			// sessions.events
			if (reply.is(404) && Instant.now().isBefore(deadline)) {
				Gateway.pause(Duration.ofSeconds(1));
				continue;
			}
			return reply.expect(200, 201).json();
		}
	}

}
