package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.crypto.AuditKeys;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;

/**
 * Directors read and verify the audit trail of the programs they direct; a patient reads
 * the accounting of disclosures of their own records. Reading any of it is audited too.
 */
@RestController
@RequestMapping("/api/notes/audit")
class AuditController {

	/**
	 * Dates outside this range are typing errors, and beyond what the database stores.
	 */
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static final int MAX_SIZE = 500;

	private static final int MAX_PAGE = 100_000;

	private final AuditTrail trail;

	private final DirectorScope scope;

	private final AuditKeys keys;

	private final Directory directory;

	AuditController(AuditTrail trail, DirectorScope scope, AuditKeys keys, Directory directory) {
		this.trail = trail;
		this.scope = scope;
		this.keys = keys;
		this.directory = directory;
	}

	/**
	 * Entries by period, user or patient, about the patients of the caller's programs
	 * (and the caller's own); {@code sort} is {@code time}, {@code seq}, {@code user},
	 * {@code action}, {@code outcome} or {@code role}, optionally followed by
	 * {@code ,asc} or {@code ,desc}.
	 */
	@GetMapping
	@Operation(operationId = "listAudit", summary = "The audit trail, filtered and paged (director)")
	List<AuditEntry> list(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String userId, @RequestParam(required = false) String patientId,
			@RequestParam(defaultValue = "time,asc") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size, Actor actor) {
		requireDirector(actor, AuditAction.READ_AUDIT);
		Sort order = AuditQuery.parseSort(sort);
		List<FieldError> errors = period(from, to);
		if (order == null) {
			errors.add(new FieldError("sort",
					"must be one of " + AuditQuery.SORT_FIELDS.keySet() + " with optional ,asc or ,desc"));
		}
		errors.addAll(paging(page, size));
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest(errors);
		}
		Set<String> patients = this.scope.patientsOf(actor.id());
		if (patientId != null && !patients.contains(patientId)) {
			this.trail
				.record(AuditRecord.of(actor, AuditAction.READ_AUDIT, null, List.of(patientId), AuditOutcome.DENIED));
			throw NoteProblems.forbidden();
		}
		List<AuditEntry> entries = this.trail.list(new AuditQuery(from, to, userId, patientId, order, page, size),
				patients, actor.id());
		this.trail.record(AuditRecord.of(actor, AuditAction.READ_AUDIT, null,
				(patientId != null) ? List.of(patientId) : List.of(), AuditOutcome.SUCCESS));
		return entries;
	}

	/**
	 * Checks the chain against its MACs and the signed checkpoints: any altered, removed,
	 * reordered or rewritten entry, a cut-off end, a forged checkpoint, and where.
	 * {@code scope=full} (default) checks every entry; {@code scope=since-checkpoint}
	 * only those after the newest checkpoint.
	 */
	@GetMapping("/verify")
	@Operation(operationId = "verifyAudit",
			summary = "Check the audit trail's hash chain and signed checkpoints (director)")
	Verification verify(@RequestParam(defaultValue = "full") String scope, Actor actor) {
		requireDirector(actor, AuditAction.VERIFY_AUDIT);
		if (!"full".equals(scope) && !"since-checkpoint".equals(scope)) {
			throw ApiProblem.badRequest(List.of(new FieldError("scope", "must be full or since-checkpoint")));
		}
		Verification verification = this.trail.verify("since-checkpoint".equals(scope));
		this.trail.record(AuditRecord.of(actor, AuditAction.VERIFY_AUDIT, null, List.of(),
				verification.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED));
		return verification;
	}

	/**
	 * The public key of the checkpoint signatures (a Tink JSON public keyset). An outside
	 * auditor should take it from the key's custodian rather than from the service it
	 * checks; this copy lets them compare.
	 */
	@GetMapping(path = "/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "auditPublicKey",
			summary = "The public key of the audit checkpoint signatures, a Tink JSON keyset (director)",
			responses = @ApiResponse(responseCode = "200", description = "A Tink JSON public keyset",
					content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
	String publicKey(Actor actor) {
		requireDirector(actor, AuditAction.READ_AUDIT);
		return this.keys.publicKeyset();
	}

	/**
	 * The accounting of disclosures of one patient's records: who read or changed which
	 * of them, when and in which role. For a director of one of the patient's programs,
	 * or for the patient (whose own id is the default).
	 */
	@GetMapping("/disclosures")
	@Operation(operationId = "listDisclosures",
			summary = "Who read or changed a patient's records (the patient, or a director of their program)")
	DisclosureReport disclosures(@RequestParam(required = false) String patientId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "500") int size, Actor actor) {
		String patient = (patientId == null && actor.isPatient()) ? actor.id() : patientId;
		List<FieldError> errors = period(from, to);
		errors.addAll(paging(page, size));
		if (patient == null || patient.isBlank()) {
			errors.add(new FieldError("patientId", "is required"));
		}
		boolean allowed = patient != null && ((actor.isPatient() && patient.equals(actor.id()))
				|| (actor.isDirector() && this.scope.patientsOf(actor.id()).contains(patient)));
		if (!allowed) {
			this.trail.record(AuditRecord.of(actor, AuditAction.READ_DISCLOSURES, null,
					(patient != null) ? List.of(patient) : List.of(), AuditOutcome.DENIED));
			throw NoteProblems.forbidden();
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest(errors);
		}
		List<Disclosure> disclosures = this.trail.disclosures(patient, from, to, page, size)
			.stream()
			.map((entry) -> new Disclosure(entry.time(), entry.userId(),
					this.directory.find(entry.userId()).map(DirectoryUser::displayName).orElse(null), entry.role(),
					entry.action(), entry.noteId(), entry.seq()))
			.toList();
		this.trail
			.record(AuditRecord.of(actor, AuditAction.READ_DISCLOSURES, null, List.of(patient), AuditOutcome.SUCCESS));
		return new DisclosureReport(patient, from, to, disclosures);
	}

	private Actor requireDirector(Actor actor, AuditAction action) {
		if (!actor.isDirector()) {
			this.trail.record(AuditRecord.of(actor, action, null, List.of(), AuditOutcome.DENIED));
			throw NoteProblems.forbidden();
		}
		return actor;
	}

	private static List<FieldError> period(Instant from, Instant to) {
		List<FieldError> errors = new ArrayList<>();
		if (from != null && (from.isBefore(EARLIEST) || from.isAfter(LATEST))) {
			errors.add(new FieldError("from", "must be between years 1 and 9999"));
		}
		if (to != null && (to.isBefore(EARLIEST) || to.isAfter(LATEST))) {
			errors.add(new FieldError("to", "must be between years 1 and 9999"));
		}
		return errors;
	}

	private static List<FieldError> paging(int page, int size) {
		List<FieldError> errors = new ArrayList<>();
		if (page < 0 || page > MAX_PAGE) {
			errors.add(new FieldError("page", "must be between 0 and " + MAX_PAGE));
		}
		if (size < 1 || size > MAX_SIZE) {
			errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
		}
		return errors;
	}

}
