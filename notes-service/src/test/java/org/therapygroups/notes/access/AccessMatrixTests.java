package org.therapygroups.notes.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bson.Document;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint × role × own or other's record. Three notes of one supervised group of
 * program P (directed by DIRECTOR): a signed one (reads), a draft (writes; allowed
 * callers meet a stale version and get 409, so nothing changes) and a voided one; a
 * second program P2 with a group of its own is directed by OTHER_DIRECTOR. 403 means
 * "your role never may" (or "not your program"), 404 "no such note for you"; every
 * refusal on health information is in the audit trail.
 */
class AccessMatrixTests extends NotesServiceTestBase {

	private Scenario signed;

	private String draftId;

	private String voidedId;

	private Scenario otherProgram;

	@BeforeAll
	void notes() throws Exception {
		this.otherProgram = NoteFixtures.scenario("CBT", false);
		publish(this.otherProgram.groupCreated());
		awaitGroup(this.otherProgram.groupId());
		this.signed = givenCompletedSession("PSYCHODYNAMIC", true);
		String note = "/api/notes/" + this.signed.noteId();
		this.mvc
			.perform(withJson(put(note + "/members/" + this.signed.patientA()),
					NoteFixtures.save(0, NoteFixtures.psychodynamicEntry()))
				.with(as(this.signed.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc
			.perform(
					withJson(post(note + "/sign"), Map.of("version", 2)).with(as(this.signed.therapist(), "therapist")))
			.andExpect(status().isOk());
		String draftSession = id();
		publish(this.signed.completedAt(draftSession, java.time.Instant.now().minusSeconds(7200)));
		this.draftId = awaitNote(draftSession).getString("_id");
		String voidedSession = id();
		publish(this.signed.completedAt(voidedSession, java.time.Instant.now().minusSeconds(9000)));
		this.voidedId = awaitNote(voidedSession).getString("_id");
		this.mvc
			.perform(withJson(post("/api/notes/" + this.voidedId + "/void"), Map.of("reason", "duplicate"))
				.with(as(this.signed.therapist(), "therapist")))
			.andExpect(status().isOk());
	}

	/** Who calls: a key into the scenario, and the role in the token. */
	enum Caller {

		FACILITATOR("therapist"), CO_FACILITATOR("therapist"), SUPERVISOR("therapist"), OTHER_THERAPIST("therapist"),
		OWN_PATIENT("patient"), OTHER_PATIENT("patient"), DIRECTOR("director"), OTHER_DIRECTOR("director");

		final String role;

		Caller(String role) {
			this.role = role;
		}

	}

	/** An endpoint: method, path template ({signed}, {draft}, {voided}, {A}) and body. */
	record Endpoint(String name, String method, String path, Map<String, Object> body, boolean auditsDenials) {

	}

	static Stream<Arguments> matrix() {
		Endpoint readNote = new Endpoint("read note", "GET", "/api/notes/{signed}", null, true);
		Endpoint readEntry = new Endpoint("read A's entry", "GET", "/api/notes/{signed}/members/{A}", null, true);
		Endpoint saveGroup = new Endpoint("save group", "PUT", "/api/notes/{draft}/group",
				Map.of("version", 999, "group", Map.of("topic", "x")), true);
		Endpoint saveEntry = new Endpoint("save A's entry", "PUT", "/api/notes/{draft}/members/{A}",
				Map.of("version", 999, "progress", Map.of("plan", "x")), true);
		Endpoint sign = new Endpoint("sign", "POST", "/api/notes/{draft}/sign", Map.of("version", 999), true);
		Endpoint coSign = new Endpoint("co-sign", "POST", "/api/notes/{draft}/co-sign", null, true);
		Endpoint addendum = new Endpoint("addendum", "POST", "/api/notes/{draft}/addenda", Map.of("text", "x"), true);
		Endpoint voidNote = new Endpoint("void", "POST", "/api/notes/{voided}/void", Map.of("reason", "x"), true);
		Endpoint mine = new Endpoint("own entries", "GET", "/api/notes/mine", null, true);
		Endpoint patterns = new Endpoint("A's patterns", "GET", "/api/notes/patients/{A}/patterns", null, true);
		Endpoint status = new Endpoint("documentation status", "GET", "/api/notes/documentation-status", null, false);
		Endpoint statusOfP = new Endpoint("documentation status of P", "GET",
				"/api/notes/documentation-status?programId={P}", null, false);
		Endpoint audit = new Endpoint("audit list", "GET", "/api/notes/audit", null, true);
		Endpoint verify = new Endpoint("audit verify", "GET", "/api/notes/audit/verify", null, true);
		Endpoint auditOfA = new Endpoint("A's audit entries", "GET", "/api/notes/audit?patientId={A}", null, true);
		Endpoint disclosures = new Endpoint("A's disclosures", "GET", "/api/notes/audit/disclosures?patientId={A}",
				null, true);
		Endpoint publicKey = new Endpoint("audit public key", "GET", "/api/notes/audit/public-key", null, true);
		Endpoint keys = new Endpoint("key status", "GET", "/api/notes/admin/keys", null, true);
		Endpoint templates = new Endpoint("templates", "GET", "/api/notes/templates", null, false);
		Endpoint unknown = new Endpoint("unknown note", "GET", "/api/notes/no-such-note", null, true);
		List<Arguments> rows = new ArrayList<>();
		// caller order: FACILITATOR, CO_FACILITATOR, SUPERVISOR, OTHER_THERAPIST,
		// OWN_PATIENT, OTHER_PATIENT, DIRECTOR, OTHER_DIRECTOR
		add(rows, readNote, 200, 200, 200, 404, 403, 403, 403, 403);
		add(rows, readEntry, 200, 200, 200, 404, 200, 404, 403, 403);
		add(rows, saveGroup, 409, 409, 403, 404, 403, 403, 403, 403);
		add(rows, saveEntry, 409, 409, 403, 404, 403, 403, 403, 403);
		add(rows, sign, 409, 409, 403, 404, 403, 403, 403, 403);
		add(rows, coSign, 403, 403, 409, 404, 403, 403, 403, 403);
		add(rows, addendum, 409, 409, 409, 404, 403, 403, 403, 403);
		add(rows, voidNote, 409, 409, 409, 404, 403, 403, 403, 403);
		add(rows, mine, 403, 403, 403, 403, 200, 200, 403, 403);
		add(rows, patterns, 200, 200, 200, 404, 403, 403, 403, 403);
		add(rows, statusOfP, 403, 403, 403, 403, 403, 403, 200, 403);
		add(rows, status, 403, 403, 403, 403, 403, 403, 200, 200);
		add(rows, audit, 403, 403, 403, 403, 403, 403, 200, 200);
		add(rows, verify, 403, 403, 403, 403, 403, 403, 200, 200);
		add(rows, auditOfA, 403, 403, 403, 403, 403, 403, 200, 403);
		add(rows, disclosures, 403, 403, 403, 403, 200, 403, 200, 403);
		add(rows, publicKey, 403, 403, 403, 403, 403, 403, 200, 200);
		add(rows, keys, 403, 403, 403, 403, 403, 403, 200, 200);
		add(rows, templates, 200, 200, 200, 200, 403, 403, 403, 403);
		add(rows, unknown, 404, 404, 404, 404, 404, 404, 404, 404);
		return rows.stream();
	}

	private static void add(List<Arguments> rows, Endpoint endpoint, int... expected) {
		Caller[] callers = Caller.values();
		for (int i = 0; i < callers.length; i++) {
			rows.add(Arguments.of(endpoint.name(), callers[i], expected[i], endpoint));
		}
	}

	@ParameterizedTest(name = "{0} as {1} → {2}")
	@MethodSource("matrix")
	void accessIsDecidedByRoleAndRelation(String name, Caller caller, int expected, Endpoint endpoint)
			throws Exception {
		String userId = userId(caller);
		long deniedBefore = denied(userId);
		String path = endpoint.path()
			.replace("{signed}", this.signed.noteId())
			.replace("{draft}", this.draftId)
			.replace("{voided}", this.voidedId)
			.replace("{A}", this.signed.patientA())
			.replace("{P}", this.signed.programId());
		MockHttpServletRequestBuilder request = switch (endpoint.method()) {
			case "GET" -> get(path);
			case "PUT" -> put(path);
			default -> post(path);
		};
		if (endpoint.body() != null) {
			request = withJson(request, endpoint.body());
		}
		var result = this.mvc.perform(request.with(as(userId, caller.role))).andExpect(status().is(expected));
		if (expected >= 400) {
			result.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			if (endpoint.auditsDenials() && (expected == 403 || expected == 404)) {
				assertThat(denied(userId)).as("denial audited").isGreaterThan(deniedBefore);
			}
		}
	}

	private String userId(Caller caller) {
		return switch (caller) {
			case FACILITATOR -> this.signed.therapist();
			case CO_FACILITATOR -> this.signed.coFacilitator();
			case SUPERVISOR -> this.signed.supervisor();
			case OTHER_THERAPIST -> this.signed.outsider();
			case OWN_PATIENT -> this.signed.patientA();
			case OTHER_PATIENT -> this.signed.patientB();
			case DIRECTOR -> this.signed.director();
			case OTHER_DIRECTOR -> this.otherProgram.director();
		};
	}

	@Test
	void aDirectorSeesTheDocumentationStatusOfTheirOwnProgramsOnly() throws Exception {
		JsonNode own = body(
				this.mvc.perform(get("/api/notes/documentation-status").with(as(this.signed.director(), "director")))
					.andExpect(status().isOk()));
		assertThat(own.get("notes").findValuesAsString("programId")).isNotEmpty().containsOnly(this.signed.programId());
		assertThat(own.get("notes").findValuesAsString("noteId")).contains(this.signed.noteId(), this.draftId);

		JsonNode other = body(this.mvc
			.perform(get("/api/notes/documentation-status").with(as(this.otherProgram.director(), "director")))
			.andExpect(status().isOk()));
		assertThat(other.get("sessions").asInt()).isZero();
		assertThat(other.toString()).doesNotContain(this.signed.programId(), this.signed.groupId(),
				this.signed.sessionId());
	}

	private long denied(String userId) {
		return this.mongo.getCollection("audit_log")
			.countDocuments(new Document("userId", userId).append("outcome", "DENIED"));
	}

}
