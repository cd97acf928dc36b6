package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteAddendumAdded;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.notes.NoteVoided;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.notes.note.NoteViews.AddendumView;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.Voiding;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;

/**
 * What may still happen to a note once written, since nothing is overwritten or deleted:
 * a signed note takes addenda as new signed records, and a note made in error is voided
 * with a reason and kept.
 */
@Service
class NoteAmendments {

	static final Set<String> ADDENDUM_PARTS = Set.of("GROUP", "PROGRESS", "PROCESS");

	private final NoteGuard guard;

	private final NoteStore store;

	private final NoteContent content;

	private final NoteAccess access;

	private final OtherMemberMentions mentions;

	NoteAmendments(NoteGuard guard, NoteStore store, NoteContent content, NoteAccess access,
			OtherMemberMentions mentions) {
		this.guard = guard;
		this.store = store;
		this.content = content;
		this.access = access;
		this.mentions = mentions;
	}

	/**
	 * Links a new signed addendum to a signed note; the original is not touched.
	 * @param actor a facilitator or the supervisor
	 * @param noteId the note
	 * @param text the addendum
	 * @param patientId the member it concerns, or {@code null} for the group part
	 * @param part {@code GROUP}, {@code PROGRESS} or {@code PROCESS}
	 * @return the addendum as stored
	 */
	AddendumView addAddendum(Actor actor, String noteId, String text, String patientId, String part) {
		SessionNote note = this.guard.load(actor, AuditAction.ADDENDUM, noteId);
		Attempt onNote = Attempt.of(actor, AuditAction.ADDENDUM, note);
		this.guard.requireClinician(onNote);
		Attempt attempt = (patientId != null) ? onNote.about(List.of(patientId)) : onNote;
		if (!this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		String effectivePart = (part != null) ? part : ((patientId != null) ? "PROGRESS" : "GROUP");
		List<FieldError> errors = invalid(note, patientId, effectivePart);
		if (errors.isEmpty() && patientId != null) {
			errors.addAll(this.mentions.find(note, patientId, List.of(text)));
		}
		if (!errors.isEmpty()) {
			throw this.guard.fail(attempt, ApiProblem.badRequest(errors));
		}
		if (!note.isSigned()) {
			throw this.guard.fail(attempt, ApiProblem.conflict(note.isDraft()
					? "A draft is edited, not amended: sign it first." : "A voided note takes no addenda."));
		}
		String addendumId = UUID.randomUUID().toString();
		Instant now = this.store.now();
		String field = NoteContent.addendumField(addendumId);
		Sealed sealed = this.content.sealText(noteId, field, text);
		String hash = NoteContent.textHash(field, text);
		Addendum addendum = new Addendum(addendumId, actor.id(), patientId, effectivePart, note.sessionStartsAt(), now,
				sealed, hash);
		NoteAddendumAdded added = new NoteAddendumAdded(note.id(), addendumId, note.sessionId(), note.groupId(),
				note.status(), actor.id(), note.sessionStartsAt(), now);
		if (!this.store.addAddendum(note.id(), addendum, attempt.succeeded(), added)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note was voided meanwhile."));
		}
		return new AddendumView(addendumId, actor.id(), patientId, effectivePart, note.sessionStartsAt(), now, text,
				hash);
	}

	private static List<FieldError> invalid(SessionNote note, String patientId, String part) {
		List<FieldError> errors = new ArrayList<>();
		if (!ADDENDUM_PARTS.contains(part)) {
			errors.add(new FieldError("part", "must be one of GROUP, PROGRESS, PROCESS"));
		}
		if (patientId != null && note.rosterMember(patientId) == null) {
			errors.add(new FieldError("patientId", "is not a member of this session"));
		}
		if (patientId == null && !"GROUP".equals(part)) {
			errors.add(new FieldError("patientId", "is required for a member's entry"));
		}
		return errors;
	}

	/**
	 * Voids a note made in error. It stays, with who, when, why and what it was before.
	 * @param actor a facilitator or the supervisor
	 * @param noteId the note
	 * @param reason why
	 * @return the new version
	 */
	Saved voidNote(Actor actor, String noteId, String reason) {
		SessionNote note = this.guard.load(actor, AuditAction.VOID, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.VOID, note);
		this.guard.requireClinician(attempt);
		if (!this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		if (note.isVoided()) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note is already voided."));
		}
		Instant now = this.store.now();
		Sealed sealed = this.content.sealText(noteId, NoteContent.VOID_REASON, reason);
		Voiding voiding = new Voiding(actor.id(), now, sealed, note.status());
		NoteVoided voided = new NoteVoided(note.id(), note.sessionId(), note.groupId(), NoteEvent.VOIDED, actor.id(),
				now);
		if (!this.store.voidNote(note, voiding, attempt.succeeded(), voided)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note changed meanwhile: reload it."));
		}
		return Saved.note(note.id(), note.version() + 1, NoteEvent.VOIDED);
	}

}
