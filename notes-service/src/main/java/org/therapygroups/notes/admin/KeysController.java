package org.therapygroups.notes.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.audit.AuditOutcome;
import org.therapygroups.notes.audit.AuditRecord;
import org.therapygroups.notes.audit.AuditTrail;
import org.therapygroups.notes.crypto.NoteCrypto;
import org.therapygroups.notes.crypto.NoteCrypto.KeyStatus;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Data-key rotation while the service runs: directors (the only administrative role of
 * the realm) trigger it; key ids only, never key material.
 */
@RestController
@RequestMapping("/api/notes/admin/keys")
class KeysController {

	private final NoteCrypto crypto;

	private final AuditTrail audit;

	KeysController(NoteCrypto crypto, AuditTrail audit) {
		this.crypto = crypto;
		this.audit = audit;
	}

	@GetMapping
	@Operation(operationId = "getKeyStatus", summary = "The note encryption keys in use (director)")
	KeyStatus status(Actor actor) {
		requireDirector(actor);
		return this.crypto.status();
	}

	@PostMapping("/rotate")
	@Operation(operationId = "rotateKeys", summary = "Rotate the note encryption key while running (director)")
	KeyStatus rotate(Actor actor) {
		requireDirector(actor);
		KeyStatus status;
		try {
			status = this.crypto.rotate();
		}
		catch (RuntimeException ex) {
			this.audit.record(AuditRecord.of(actor, AuditAction.ROTATE_KEYS, null, List.of(), AuditOutcome.FAILED));
			throw ex;
		}
		this.audit.record(AuditRecord.of(actor, AuditAction.ROTATE_KEYS, null, List.of(), AuditOutcome.SUCCESS));
		return status;
	}

	private Actor requireDirector(Actor actor) {
		if (!actor.isDirector()) {
			this.audit.record(AuditRecord.of(actor, AuditAction.ROTATE_KEYS, null, List.of(), AuditOutcome.DENIED));
			throw NoteProblems.forbidden();
		}
		return actor;
	}

}
