package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteCoSigned;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.note.NoteStore.Signing;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.SessionNote.Signature;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.notes.template.NoteTemplate;

/**
 * Signing locks a draft's content for good, under the signer, the time and a hash of what
 * was signed; the group's supervisor co-signs what another facilitator signed.
 */
@Service
public class NoteSigning {

	private final NoteGuard guard;

	private final NoteStore store;

	private final NoteContent content;

	private final NoteAccess access;

	private final SessionsReadModel sessions;

	NoteSigning(NoteGuard guard, NoteStore store, NoteContent content, NoteAccess access, SessionsReadModel sessions) {
		this.guard = guard;
		this.store = store;
		this.content = content;
		this.access = access;
		this.sessions = sessions;
	}

	/**
	 * Signs a draft: locks its content and records signer, time and content hash.
	 * @param actor a facilitator
	 * @param noteId the note
	 * @param version the version the signer read
	 * @return the new version
	 */
	public Saved sign(Actor actor, String noteId, long version) {
		SessionNote note = this.guard.load(actor, AuditAction.SIGN, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.SIGN, note);
		this.guard.requireWriter(attempt, note);
		// what is signed is what the signer read, not a later save
		if (!note.isDraft() || note.version() != version) {
			throw this.guard.fail(attempt, this.guard.staleOrLocked(note.id(), version));
		}
		NoteTemplate template = this.content.template(note);
		Instant now = this.store.now();
		String hash = this.content.contentHash(note);
		Map<String, List<String>> blindIndex = this.content.blindIndex(note, template);
		String supervisor = (note.supervisorId() != null) ? note.supervisorId()
				: this.sessions.group(note.groupId()).map(GroupView::supervisorId).orElse(null);
		boolean coSignRequired = supervisor != null && !supervisor.equals(actor.id());
		Signing signing = new Signing(new Signature(actor.id(), now, hash), coSignRequired, supervisor, blindIndex);
		NoteSigned signed = new NoteSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.SIGNED, actor.id(),
				coSignRequired, note.sessionEndsAt(), now);
		if (!this.store.sign(note, signing, attempt.succeeded(), signed)) {
			throw this.guard.fail(attempt, this.guard.staleOrLocked(note.id(), version));
		}
		return Saved.note(note.id(), version + 1, NoteEvent.SIGNED);
	}

	/**
	 * The group's supervisor co-signs a note another facilitator signed.
	 * @param actor the supervisor
	 * @param noteId the note
	 * @return the new version
	 */
	public Saved coSign(Actor actor, String noteId) {
		SessionNote note = this.guard.load(actor, AuditAction.CO_SIGN, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.CO_SIGN, note);
		this.guard.requireClinician(attempt);
		if (!this.access.supervises(actor, note)) {
			throw this.guard.deny(attempt,
					this.access.facilitates(actor, note)
							? new ApiProblem(HttpStatus.FORBIDDEN, "Only the group's supervisor co-signs its notes.")
							: NoteProblems.notFound());
		}
		if (!NoteEvent.SIGNED.equals(note.status()) || !note.coSignRequired()) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note does not await a co-signature."));
		}
		Instant now = this.store.now();
		// the co-signer vouches for exactly what the signer signed
		Signature coSignature = new Signature(actor.id(), now, note.signature().contentHash());
		NoteCoSigned coSigned = new NoteCoSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.CO_SIGNED,
				actor.id(), now);
		if (!this.store.coSign(note, coSignature, attempt.succeeded(), coSigned)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note changed meanwhile: reload it."));
		}
		return Saved.note(note.id(), note.version() + 1, NoteEvent.CO_SIGNED);
	}

}
