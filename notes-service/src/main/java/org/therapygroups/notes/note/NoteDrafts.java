package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.note.NoteStore.Creation;
import org.therapygroups.notes.note.NoteStore.DraftPart;
import org.therapygroups.notes.note.NoteStore.GroupPart;
import org.therapygroups.notes.note.NoteStore.MemberPart;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionView;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.notes.template.NoteTemplate;
import org.therapygroups.notes.template.TemplateValidator;

/**
 * A note's life as a draft: opened once per session, then autosaved part by part. Each
 * save names the version it edited, so a stale save, or a save after signing, changes
 * nothing.
 */
@Service
public class NoteDrafts {

	private final NoteGuard guard;

	private final NoteStore store;

	private final NoteContent content;

	private final SessionsReadModel sessions;

	private final OtherMemberMentions mentions;

	NoteDrafts(NoteGuard guard, NoteStore store, NoteContent content, SessionsReadModel sessions,
			OtherMemberMentions mentions) {
		this.guard = guard;
		this.store = store;
		this.content = content;
		this.sessions = sessions;
		this.mentions = mentions;
	}

	/**
	 * Opens the draft of a completed session, once: a redelivered event, or one arriving
	 * after a facilitator opened the draft by hand, finds the existing note (the session
	 * id is unique) and only brings the hand-made draft's roster up to date.
	 * @param completed the event
	 */
	public void openFromCompletedSession(SessionCompleted completed) {
		this.store.ensureIndexes();
		NewDraft draft = NewDraft.fromCompletion(completed, this.sessions.group(completed.groupId()));
		SessionNote existing = this.store.findBySession(completed.sessionId());
		if (existing != null) {
			if (existing.isDraft()) {
				this.store.refreshRoster(existing.id(), draft);
			}
			return;
		}
		insert(Actor.SYSTEM, draft);
	}

	/**
	 * A facilitator opens the draft of a session by hand (before or without its
	 * completion event). Opening an existing one returns it.
	 * @param actor the caller
	 * @param sessionId the session
	 * @return the draft's metadata, and whether it was created now
	 */
	public Opened openByHand(Actor actor, String sessionId) {
		this.store.ensureIndexes();
		Attempt attempt = Attempt.byId(actor, AuditAction.CREATE, null);
		this.guard.requireClinician(attempt);
		SessionView session = this.sessions.session(sessionId).orElse(null);
		GroupView group = (session != null) ? this.sessions.group(session.groupId()).orElse(null) : null;
		if (group == null || !group.facilitatorIds().contains(actor.id())) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		SessionNote existing = this.store.findBySession(sessionId);
		if (existing == null) {
			String id = insert(actor, NewDraft.byHand(session, group, this.sessions.members(group.groupId())));
			if (id != null) {
				return new Opened(NoteViews.metadata(this.store.load(id)), true);
			}
			existing = this.store.findBySession(sessionId);
		}
		return new Opened(NoteViews.metadata(existing), false);
	}

	public record Opened(NoteView note, boolean created) {

	}

	/**
	 * @return the new note's id, or {@code null} if the session got its note meanwhile
	 */
	private String insert(Actor actor, NewDraft draft) {
		String noteId = UUID.randomUUID().toString();
		Instant now = this.store.now();
		NoteTemplate template = this.content.templateFor(draft.modality());
		Attempt creating = new Attempt(actor, AuditAction.CREATE, noteId, draft.patientIds());
		NoteDrafted drafted = new NoteDrafted(noteId, draft.sessionId(), draft.groupId(), draft.programId(),
				NoteEvent.DRAFT, (actor == Actor.SYSTEM) ? null : actor.id(), draft.endsAt(), now);
		boolean inserted = this.store.insertDraft(new Creation(noteId, draft, template, actor.id(), now),
				creating.succeeded(), drafted);
		return inserted ? noteId : null;
	}

	/**
	 * Autosaves the group part of a draft.
	 * @param actor the caller
	 * @param noteId the note
	 * @param version the version the caller edited
	 * @param group the group part
	 * @return the new version
	 */
	public Saved saveGroup(Actor actor, String noteId, long version, JsonNode group) {
		SessionNote note = this.guard.load(actor, AuditAction.SAVE, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.SAVE, note);
		this.guard.requireWriter(attempt, note);
		NoteTemplate template = this.content.template(note);
		List<FieldError> errors = TemplateValidator.validate(template.group(), group, "group");
		if (!errors.isEmpty()) {
			throw this.guard.fail(attempt, ApiProblem.badRequest(errors));
		}
		return save(attempt, version, new GroupPart(this.content.seal(noteId, NoteContent.GROUP, group)));
	}

	/**
	 * Autosaves one member's entry (progress entry and process note) of a draft.
	 * @param actor the caller
	 * @param noteId the note
	 * @param patientId the member
	 * @param version the version the caller edited
	 * @param entry the progress entry and the process note
	 * @return the new version
	 */
	public Saved saveMember(Actor actor, String noteId, String patientId, long version, MemberContent entry) {
		SessionNote note = this.guard.load(actor, AuditAction.SAVE, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.SAVE, note);
		this.guard.requireWriter(attempt, note);
		Attempt onMember = attempt.about(List.of(patientId));
		RosterMember member = note.rosterMember(patientId);
		if (member == null || !member.attended() || !NoteContent.isPlainId(patientId)) {
			throw this.guard.fail(onMember, ApiProblem
				.badRequest(List.of(new FieldError("patientId", "is not an attending member of this session"))));
		}
		NoteTemplate template = this.content.template(note);
		List<FieldError> errors = new ArrayList<>();
		errors.addAll(TemplateValidator.validate(template.progress(), entry.progress(), "progress"));
		errors.addAll(TemplateValidator.validate(template.process(), entry.process(), "process"));
		if (errors.isEmpty()) {
			errors.addAll(this.mentions.find(note, patientId, entry.texts()));
		}
		if (!errors.isEmpty()) {
			throw this.guard.fail(onMember, ApiProblem.badRequest(errors));
		}
		MemberEntry sealed = new MemberEntry(
				this.content.seal(noteId, NoteContent.progressField(patientId), entry.progress()),
				this.content.seal(noteId, NoteContent.processField(patientId), entry.process()), this.store.now(),
				actor.id());
		return save(onMember, version, new MemberPart(patientId, sealed));
	}

	private Saved save(Attempt attempt, long version, DraftPart part) {
		if (!this.store.saveDraft(attempt.noteId(), version, part, attempt.succeeded())) {
			throw this.guard.fail(attempt, this.guard.staleOrLocked(attempt.noteId(), version));
		}
		return new Saved(attempt.noteId(), version + 1, NoteEvent.DRAFT);
	}

}
