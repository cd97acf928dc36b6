package org.therapygroups.devstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.therapygroups.devstack.StackConfig;
import org.therapygroups.devstack.demo.DemoProgram.Patient;
import org.therapygroups.devstack.demo.DemoProgram.Placement;
import org.therapygroups.devstack.demo.DemoProgram.Therapist;
import org.therapygroups.devstack.demo.DemoReport.Kind;

/**
 * Loads the demo program ({@link DemoProgram}) into a running local stack through the
 * gateway's API, as its director, therapists and patients would have made it: staff and
 * patients accept their invitations, the director creates the groups and records their
 * members, the facilitators run every past session and sign most notes. Idempotent: what
 * exists is found by the program's name, the staff's usernames, the patients' names and
 * the groups' names, and only what is missing is made, so a second load creates nothing.
 * A few requests run at once (one group per worker); nothing clinical is printed.
 */
public final class DemoData {

	/**
	 * Groups loaded at the same time: enough to keep two cores busy, few for the stack.
	 */
	private static final int PARALLEL = 3;

	private static final int PAGE = 100;

	private final StackConfig config;

	private final DemoSize size;

	private final PrintStream out;

	private final Gateway api;

	private final Logins logins;

	private final DemoReport report = new DemoReport();

	public DemoData(StackConfig config, DemoSize size, PrintStream out) {
		this.config = config;
		this.size = size;
		this.out = out;
		this.api = new Gateway(config.gatewayUrl());
		this.logins = new Logins(this.api, config.issuer());
	}

	/**
	 * Loads what is missing and reads the figures back.
	 * @return what was created and found, and the figures
	 * @throws DemoException if a request fails in a way the loader does not expect
	 */
	public DemoReport load() {
		Instant began = Instant.now();
		this.out.printf("Loading the demo program \"%s\" (%s) through %s …%n", DemoProgram.NAME, this.size,
				this.config.gatewayUrl());
		String programId = program();
		this.report.programId(programId);
		People people = new People(therapists(), patients());
		Map<String, Boolean> signed = signedNotes(programId);
		List<JsonNode> groups = groupsOf(programId);
		Context context = new Context(this.api, this.logins, this.report, this.out, programId, people, signed,
				this.size);
		List<Placement> placements = DemoProgram.placements(this.size);
		try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
			List<Future<String>> loads = new ArrayList<>();
			for (Placement placement : placements) {
				loads.add(pool.submit(() -> new GroupLoader(context, placement).load(groups)));
			}
			for (Future<String> load : loads) {
				load.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new DemoException(String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DemoException("interrupted");
		}
		this.report.figures(figures(programId));
		this.report.logins(DemoProgram.THERAPISTS.stream().map(Therapist::email).toList(),
				examplePatients(placements, people), withoutGroup(placements));
		this.report.took(Duration.between(began, Instant.now()));
		return this.report;
	}

	private String director() {
		return this.logins.token(DemoProgram.DIRECTOR, DemoProgram.DIRECTOR_PASSWORD);
	}

	private String program() {
		for (JsonNode program : this.api.get("/api/sessions/programs", director()).expect(200).json()) {
			if (program.path("name").asText().equals(DemoProgram.NAME)) {
				this.out.println("  ✓ program already there");
				return program.path("id").asText();
			}
		}
		String id = this.api
			.post("/api/sessions/programs", director(),
					Map.of("name", DemoProgram.NAME, "timeZone", DemoProgram.TIME_ZONE))
			.expect(201)
			.json()
			.path("id")
			.asText();
		this.out.println("  ✓ program created, directed by " + DemoProgram.DIRECTOR);
		return id;
	}

	// --- accounts ---------------------------------------------------------------------

	/** The demo therapists' user ids, in the order of {@link DemoProgram#THERAPISTS}. */
	private List<String> therapists() {
		Map<String, JsonNode> found = new HashMap<>();
		for (JsonNode user : users("THERAPIST", DemoProgram.STAFF_DOMAIN)) {
			found.put(user.path("username").asText(), user);
		}
		List<String> ids = new ArrayList<>();
		for (Therapist therapist : DemoProgram.THERAPISTS) {
			JsonNode user = found.get(therapist.email());
			if (user != null && user.path("status").asText().equals("ACTIVE")) {
				this.report.existing(Kind.STAFF, 1);
				ids.add(user.path("userId").asText());
				continue;
			}
			String code;
			String userId;
			if (user != null) {
				userId = user.path("userId").asText();
				code = reissue(userId);
			}
			else {
				Map<String, String> body = new LinkedHashMap<>();
				body.put("firstName", therapist.firstName());
				body.put("lastName", therapist.lastName());
				body.put("email", therapist.email());
				body.put("role", "therapist");
				body.put("licenceType", therapist.licenceType());
				body.put("licenceNumber", therapist.licenceNumber());
				JsonNode created = this.api.post("/api/auth/staff", director(), body).expect(201).json();
				userId = created.path("userId").asText();
				code = created.path("code").asText();
			}
			accept(code, DemoProgram.STAFF_PASSWORD);
			this.report.created(Kind.STAFF, 1);
			ids.add(userId);
		}
		// signs each in once: proves the password and lets them reach the directories
		DemoProgram.THERAPISTS.forEach((t) -> this.logins.token(t.email(), DemoProgram.STAFF_PASSWORD));
		this.out.printf("  ✓ %d therapists (%d new)%n", ids.size(), this.report.created(Kind.STAFF));
		return ids;
	}

	/** The demo patients' accounts, by their place in the list of patients. */
	private Map<Integer, Account> patients() {
		Map<String, JsonNode> found = new HashMap<>();
		for (JsonNode user : users("PATIENT", null)) {
			JsonNode before = found.get(user.path("displayName").asText());
			// an active account wins over a half-made one of the same name
			if (before == null || !before.path("status").asText().equals("ACTIVE")) {
				found.put(user.path("displayName").asText(), user);
			}
		}
		List<Patient> patients = DemoProgram.patients(this.size.patients());
		Map<Integer, Account> accounts = new ConcurrentHashMap<>();
		AtomicInteger done = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
			List<Future<?>> work = new ArrayList<>();
			for (Patient patient : patients) {
				work.add(pool.submit(() -> {
					accounts.put(patient.index(), patient(patient, found.get(patient.displayName())));
					int count = done.incrementAndGet();
					if (count % 50 == 0 && count < patients.size()) {
						this.out.printf("    … patients %d/%d%n", count, patients.size());
					}
				}));
			}
			for (Future<?> future : work) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new DemoException(String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DemoException("interrupted");
		}
		this.out.printf("  ✓ %d patients (%d new)%n", accounts.size(), this.report.created(Kind.PATIENTS));
		return accounts;
	}

	private Account patient(Patient patient, JsonNode user) {
		if (user != null && user.path("status").asText().equals("ACTIVE")) {
			this.report.existing(Kind.PATIENTS, 1);
			return new Account(user.path("userId").asText(), user.path("username").asText());
		}
		String code;
		if (user != null) {
			code = reissue(user.path("userId").asText());
		}
		else {
			code = this.api
				.post("/api/auth/invitations", director(),
						Map.of("firstName", patient.firstName(), "lastName", patient.lastName()))
				.expect(201)
				.json()
				.path("code")
				.asText();
		}
		JsonNode accepted = accept(code, DemoProgram.PATIENT_PASSWORD);
		this.report.created(Kind.PATIENTS, 1);
		return new Account(accepted.path("userId").asText(), accepted.path("username").asText());
	}

	private String reissue(String userId) {
		return this.api.post("/api/auth/invitations/" + userId + "/reissue", director(), Map.of())
			.expect(200)
			.json()
			.path("code")
			.asText();
	}

	private JsonNode accept(String code, String password) {
		return this.api.post("/api/auth/public/invitations/accept", null, Map.of("code", code, "password", password))
			.expect(200)
			.json();
	}

	/**
	 * Every account of a role whose name (or username) contains the text, page by page.
	 */
	private List<JsonNode> users(String role, String text) {
		List<JsonNode> users = new ArrayList<>();
		for (int page = 0;; page++) {
			String query = "/api/auth/users?role=" + role + "&size=" + PAGE + "&page=" + page
					+ ((text != null) ? "&q=" + text : "");
			JsonNode items = this.api.get(query, director()).expect(200).json().path("items");
			items.forEach(users::add);
			if (items.size() < PAGE) {
				return users;
			}
		}
	}

	// --- groups and notes -------------------------------------------------------------

	private List<JsonNode> groupsOf(String programId) {
		List<JsonNode> groups = new ArrayList<>();
		for (JsonNode group : this.api.get("/api/sessions/groups", director()).expect(200).json()) {
			if (group.path("programId").asText().equals(programId)) {
				groups.add(group);
			}
		}
		return groups;
	}

	/**
	 * Which of the program's notes are signed, by session, from the director's
	 * documentation status (empty while notes-service does not know the program yet).
	 */
	private Map<String, Boolean> signedNotes(String programId) {
		Map<String, Boolean> signed = new HashMap<>();
		Gateway.Reply reply = this.api.get("/api/notes/documentation-status?programId=" + programId, director());
		if (reply.is(200)) {
			reply.json()
				.path("notes")
				.forEach((note) -> signed.put(note.path("sessionId").asText(), note.path("signed").asBoolean()));
		}
		return signed;
	}

	// --- afterwards -----------------------------------------------------------------

	/**
	 * The program's figures once the dashboards have taken in every held session (they
	 * follow the events, so this waits up to two minutes).
	 */
	private DemoReport.Figures figures(String programId) {
		ZoneId zone = ZoneId.of(DemoProgram.TIME_ZONE);
		LocalDate to = LocalDate.now(zone);
		LocalDate from = to.minusWeeks(this.size.weeks() + 1);
		String path = "/api/sessions/dashboards/programs/" + programId + "?from=" + from + "&to=" + to
				+ "&groupBy=none";
		int held = this.report.created(Kind.SESSIONS) + this.report.existing(Kind.SESSIONS);
		int signedNotes = this.report.created(Kind.NOTES_SIGNED) + this.report.existing(Kind.NOTES_SIGNED);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		JsonNode totals;
		while (true) {
			totals = this.api.get(path, director()).expect(200).json().path("totals");
			long signedSeen = totals.path("notesSignedWithin72h").asLong() + totals.path("notesSignedLate").asLong();
			if ((totals.path("sessionsHeld").asLong() >= held && signedSeen >= signedNotes)
					|| Instant.now().isAfter(deadline)) {
				break;
			}
			Gateway.pause(Duration.ofSeconds(2));
		}
		int waitlisted = 0;
		for (JsonNode group : groupsOf(programId)) {
			waitlisted += group.path("waitlisted").asInt();
		}
		int alerts = this.api.get("/api/sessions/alerts?programId=" + programId + "&status=OPEN", director())
			.expect(200)
			.json()
			.size();
		JsonNode documentation = this.api.get("/api/notes/documentation-status?programId=" + programId, director())
			.expect(200)
			.json();
		return new DemoReport.Figures(from.toString(), to.toString(), totals.path("sessionsHeld").asLong(),
				totals.path("attended").asLong(), totals.path("noShow").asLong(), number(totals, "attendanceRate"),
				number(totals, "noShowRate"), waitlisted, alerts, documentation.path("signed").asInt(),
				documentation.path("unsigned").asInt(), documentation.path("overdue").asInt());
	}

	private static Double number(JsonNode node, String field) {
		return node.path(field).isNumber() ? node.path(field).asDouble() : null;
	}

	/** A few patients to sign in as: a steady member, one drifting away, one waiting. */
	private static List<String> examplePatients(List<Placement> placements, People people) {
		List<String> examples = new ArrayList<>();
		for (Placement placement : placements) {
			String group = placement.group().name();
			placement.members()
				.stream()
				.filter((m) -> !m.drifting() && m.joinWeek() == 0)
				.findFirst()
				.ifPresent((m) -> examples.add(people.username(m.patient()) + "  (member of " + group + ")"));
			placement.members()
				.stream()
				.filter(DemoProgram.Member::drifting)
				.findFirst()
				.ifPresent((m) -> examples.add(people.username(m.patient()) + "  (drifting away from " + group + ")"));
			placement.waitlisted()
				.stream()
				.findFirst()
				.ifPresent((p) -> examples.add(people.username(p) + "  (waiting for a seat in " + group + ")"));
			if (examples.size() >= 3) {
				break;
			}
		}
		return examples;
	}

	private int withoutGroup(List<Placement> placements) {
		int placed = 0;
		for (Placement placement : placements) {
			placed += placement.members().size() + placement.selfEnrolled().size() + placement.waitlisted().size();
		}
		return this.size.patients() - placed;
	}

	/**
	 * A patient's account.
	 *
	 * @param userId the user id
	 * @param username what they sign in with
	 */
	record Account(String userId, String username) {
	}

	/** The demo's accounts: therapists by their place, patients by theirs. */
	record People(List<String> therapistIds, Map<Integer, Account> patients) {

		String therapistId(int index) {
			return this.therapistIds.get(index);
		}

		String patientId(Patient patient) {
			return this.patients.get(patient.index()).userId();
		}

		String username(Patient patient) {
			return this.patients.get(patient.index()).username();
		}

	}

	/** What every group's loader shares. */
	record Context(Gateway api, Logins logins, DemoReport report, PrintStream out, String programId, People people,
			Map<String, Boolean> signedNotes, DemoSize size) {
	}

}
