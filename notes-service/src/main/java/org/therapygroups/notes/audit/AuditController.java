package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.notes.access.Actor;
import org.therapygroups.notes.problem.ApiProblem;
import org.therapygroups.notes.problem.FieldError;

/** Directors read and verify the audit trail; reading it is audited too. */
@RestController
@RequestMapping("/api/notes/audit")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * Entries by period, user or patient; {@code sort} is {@code time}, {@code seq},
	 * {@code user}, {@code action}, {@code outcome} or {@code role}, optionally followed
	 * by {@code ,asc} or {@code ,desc}.
	 */
	@GetMapping
	List<AuditEntry> list(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String userId, @RequestParam(required = false) String patientId,
			@RequestParam(defaultValue = "time,asc") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size, Authentication authentication) {
		Actor actor = requireDirector(authentication, AuditAction.READ_AUDIT);
		Sort order = AuditQuery.parseSort(sort);
		if (order == null || page < 0 || size < 1 || size > 500) {
			throw ApiProblem.invalid(List.of(new FieldError((order == null) ? "sort" : ((page < 0) ? "page" : "size"),
					(order == null)
							? "must be one of " + AuditQuery.SORT_FIELDS.keySet() + " with optional ,asc or ,desc"
							: "is out of range")));
		}
		List<AuditEntry> entries = this.trail.list(new AuditQuery(from, to, userId, patientId, order, page, size));
		this.trail.record(AuditRecord.of(actor, AuditAction.READ_AUDIT, null,
				(patientId != null) ? List.of(patientId) : List.of(), AuditOutcome.SUCCESS));
		return entries;
	}

	/** Walks the whole chain: any altered, removed or reordered entry, and where. */
	@GetMapping("/verify")
	Verification verify(Authentication authentication) {
		Actor actor = requireDirector(authentication, AuditAction.VERIFY_AUDIT);
		Verification verification = this.trail.verify();
		this.trail.record(AuditRecord.of(actor, AuditAction.VERIFY_AUDIT, null, List.of(),
				verification.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED));
		return verification;
	}

	private Actor requireDirector(Authentication authentication, AuditAction action) {
		Actor actor = Actor.of(authentication);
		if (!actor.isDirector()) {
			this.trail.record(AuditRecord.of(actor, action, null, List.of(), AuditOutcome.DENIED));
			throw ApiProblem.forbidden();
		}
		return actor;
	}

}
