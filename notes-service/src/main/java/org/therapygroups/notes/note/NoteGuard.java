package org.therapygroups.notes.note;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.audit.AuditOutcome;
import org.therapygroups.notes.audit.AuditTrail;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Admits or turns away an attempt on a note, and writes it down first: a refusal, a
 * failure or a read is in the audit chain before the caller hears of it, so that nothing
 * leaves unrecorded. Who may do what is {@link NoteAccess}'s to decide.
 */
@Component
class NoteGuard {

	private final NoteStore store;

	private final AuditTrail audit;

	private final NoteAccess access;

	NoteGuard(NoteStore store, AuditTrail audit, NoteAccess access) {
		this.store = store;
		this.audit = audit;
		this.access = access;
	}

	/** A note that does not exist is refused like one the caller may not know of. */
	SessionNote load(Actor actor, AuditAction action, String noteId) {
		return found(actor, action, noteId, this.store.load(noteId));
	}

	/** As {@link #load}, with only that member's entry of the content. */
	SessionNote loadMember(Actor actor, AuditAction action, String noteId, String patientId) {
		return found(actor, action, noteId, this.store.loadMember(noteId, patientId));
	}

	private SessionNote found(Actor actor, AuditAction action, String noteId, SessionNote note) {
		if (note == null) {
			throw deny(Attempt.byId(actor, action, noteId), NoteProblems.notFound());
		}
		return note;
	}

	void requireClinician(Attempt attempt) {
		if (!attempt.actor().isClinician()) {
			throw deny(attempt, NoteProblems.forbidden());
		}
	}

	/** The supervisor learns why; anybody else is not told the note exists. */
	void requireWriter(Attempt attempt, SessionNote note) {
		requireClinician(attempt);
		if (!this.access.mayWrite(attempt.actor(), note)) {
			throw deny(attempt,
					this.access.supervises(attempt.actor(), note)
							? new ApiProblem(HttpStatus.FORBIDDEN,
									"The supervisor co-signs and amends; facilitators write.")
							: NoteProblems.notFound());
		}
	}

	/**
	 * Audited before the content leaves: if the trail cannot be written, nothing is
	 * returned.
	 */
	void granted(Attempt attempt) {
		this.audit.record(attempt.succeeded());
	}

	/** Records a refusal before it is answered, and returns it to be thrown. */
	ApiProblem deny(Attempt attempt, ApiProblem problem) {
		this.audit.record(attempt.record(AuditOutcome.DENIED));
		return problem;
	}

	/** Records an allowed attempt that did not happen, and returns it to be thrown. */
	ApiProblem fail(Attempt attempt, ApiProblem problem) {
		this.audit.record(attempt.record(problem.isDenial() ? AuditOutcome.DENIED : AuditOutcome.FAILED));
		return problem;
	}

	/**
	 * A change of content once the note is signed, co-signed or voided: refused, and
	 * nothing of the content is answered.
	 */
	static ApiProblem locked(SessionNote note) {
		return ApiProblem.conflict("The note is " + note.status().toLowerCase(Locale.ROOT)
				+ " and its content is locked: add an addendum instead.");
	}

	/** Why a conditional change of a draft matched nothing, as the note stands now. */
	ApiProblem staleOrLocked(String noteId, long version) {
		SessionNote now = this.store.load(noteId);
		if (now == null) {
			return NoteProblems.notFound();
		}
		if (!now.isDraft()) {
			return locked(now);
		}
		return ApiProblem.conflict("The note was changed by someone else (now version " + now.version()
				+ "): reload it and apply your change again.");
	}

}
