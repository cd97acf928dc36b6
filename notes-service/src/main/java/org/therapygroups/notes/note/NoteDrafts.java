package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.note.NoteStore.Creation;
import org.therapygroups.notes.note.NoteStore.GroupPart;
import org.therapygroups.notes.note.NoteStore.MemberPart;
import org.therapygroups.notes.note.NoteStore.NewContent;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.PartStamp;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionView;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.notes.template.NoteTemplate;
import org.therapygroups.notes.template.TemplateValidator;

/**
 * A note's life as a draft: opened once per session, then autosaved part by part (the
 * group part, each member's entry). Each part has its own version and each save names the
 * version of the part it edited, so writers of different parts never conflict, while a
 * stale save of the same part, or a save after signing, changes nothing. A save is a
 * merge patch of the stored part: what it leaves out stays.
 */
@Service
public class NoteDrafts {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

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
	 * Autosaves the group part of a draft: merges the patch into the stored part.
	 * @param actor the caller
	 * @param noteId the note
	 * @param version the group part's version the caller edited (0 if never saved)
	 * @param patch a JSON Merge Patch of the group part; {@code null} changes nothing,
	 * JSON {@code null} removes the part
	 * @return the note's and the part's new versions
	 */
	public Saved saveGroup(Actor actor, String noteId, long version, JsonNode patch) {
		SessionNote note = this.guard.load(actor, AuditAction.SAVE, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.SAVE, note);
		this.guard.requireWriter(attempt, note);
		if (!note.isDraft() || note.groupStamp().version() != version) {
			throw groupConflict(attempt, note, version, patch);
		}
		NewContent group = null;
		if (patch != null) {
			JsonNode merged = MergePatch.apply(this.content.open(noteId, NoteContent.GROUP, note.group()), patch);
			List<FieldError> errors = TemplateValidator.validate(this.content.template(note).group(), merged,
					NoteContent.GROUP);
			if (!errors.isEmpty()) {
				throw this.guard.fail(attempt, ApiProblem.badRequest(errors));
			}
			group = new NewContent(this.content.seal(noteId, NoteContent.GROUP, merged));
		}
		Long saved = this.store.saveDraft(noteId, version, new GroupPart(group), this.store.now(), actor.id(),
				attempt.succeeded());
		if (saved == null) {
			throw groupConflict(attempt, this.store.load(noteId), version, patch);
		}
		return new Saved(noteId, saved, version + 1, NoteEvent.DRAFT);
	}

	/**
	 * Autosaves one member's entry (progress entry and process note) of a draft: each
	 * part the save names is merged into the stored one, a part it leaves out stays as
	 * stored. The merged entry is what is validated.
	 * @param actor the caller
	 * @param noteId the note
	 * @param patientId the member
	 * @param version the member's entry's version the caller edited (0 if never saved)
	 * @param patch a JSON Merge Patch of each part, see {@link MemberContent}
	 * @return the note's and the entry's new versions
	 */
	public Saved saveMember(Actor actor, String noteId, String patientId, long version, MemberContent patch) {
		SessionNote note = this.guard.loadMember(actor, AuditAction.SAVE, noteId, patientId);
		Attempt attempt = Attempt.of(actor, AuditAction.SAVE, note);
		this.guard.requireWriter(attempt, note);
		Attempt onMember = attempt.about(List.of(patientId));
		RosterMember member = note.rosterMember(patientId);
		if (member == null || !member.attended() || !NoteContent.isPlainId(patientId)) {
			throw this.guard.fail(onMember, ApiProblem
				.badRequest(List.of(new FieldError("patientId", "is not an attending member of this session"))));
		}
		if (!note.isDraft() || note.memberStamp(patientId).version() != version) {
			throw memberConflict(onMember, note, patientId, version, patch);
		}
		MemberContent stored = storedEntry(note, patientId);
		MemberContent merged = new MemberContent(
				(patch.progress() != null) ? MergePatch.apply(stored.progress(), patch.progress()) : stored.progress(),
				(patch.process() != null) ? MergePatch.apply(stored.process(), patch.process()) : stored.process());
		NoteTemplate template = this.content.template(note);
		List<FieldError> errors = new ArrayList<>();
		errors.addAll(TemplateValidator.validate(template.progress(), merged.progress(), "progress"));
		errors.addAll(TemplateValidator.validate(template.process(), merged.process(), "process"));
		if (errors.isEmpty()) {
			// the entry as a whole names no other member, the stored part too
			errors.addAll(this.mentions.find(note, patientId, merged.texts()));
		}
		if (!errors.isEmpty()) {
			throw this.guard.fail(onMember, ApiProblem.badRequest(errors));
		}
		MemberPart part = new MemberPart(patientId,
				(patch.progress() != null)
						? new NewContent(
								this.content.seal(noteId, NoteContent.progressField(patientId), merged.progress()))
						: null,
				(patch.process() != null)
						? new NewContent(
								this.content.seal(noteId, NoteContent.processField(patientId), merged.process()))
						: null);
		Long saved = this.store.saveDraft(noteId, version, part, this.store.now(), actor.id(), onMember.succeeded());
		if (saved == null) {
			throw memberConflict(onMember, this.store.loadMember(noteId, patientId), patientId, version, patch);
		}
		return new Saved(noteId, saved, version + 1, NoteEvent.DRAFT);
	}

	private MemberContent storedEntry(SessionNote note, String patientId) {
		MemberEntry entry = note.members().get(patientId);
		if (entry == null) {
			return new MemberContent(null, null);
		}
		return new MemberContent(this.content.open(note.id(), NoteContent.progressField(patientId), entry.progress()),
				this.content.open(note.id(), NoteContent.processField(patientId), entry.process()));
	}

	/**
	 * A save of the group part that did not find the version it names: see
	 * {@link #conflict}.
	 */
	private ApiProblem groupConflict(Attempt attempt, SessionNote now, long version, JsonNode patch) {
		if (now == null || !now.isDraft()) {
			return locked(attempt, now);
		}
		PartStamp stamp = now.groupStamp();
		JsonNode group = this.content.open(now.id(), NoteContent.GROUP, now.group());
		ObjectNode current = stored(stamp, Collections.singletonMap(NoteContent.GROUP, group));
		ObjectNode yours = JSON.objectNode().put("version", version);
		if (patch != null) {
			yours.set("group", patch);
		}
		List<String> conflicting = (patch != null) ? MergePatch.changedFields(group, patch, NoteContent.GROUP)
				: List.of();
		return conflict(attempt, now, "The group part", stamp, current, yours, conflicting);
	}

	/**
	 * A save of a member's entry that did not find the version it names: see
	 * {@link #conflict}.
	 */
	private ApiProblem memberConflict(Attempt attempt, SessionNote now, String patientId, long version,
			MemberContent patch) {
		if (now == null || !now.isDraft()) {
			return locked(attempt, now);
		}
		PartStamp stamp = now.memberStamp(patientId);
		MemberContent stored = storedEntry(now, patientId);
		Map<String, JsonNode> content = new LinkedHashMap<>();
		content.put("progress", stored.progress());
		content.put("process", stored.process());
		ObjectNode current = stored(stamp, content);
		ObjectNode yours = JSON.objectNode().put("version", version);
		List<String> conflicting = new ArrayList<>();
		if (patch.progress() != null) {
			yours.set("progress", patch.progress());
			conflicting.addAll(MergePatch.changedFields(stored.progress(), patch.progress(), "progress"));
		}
		if (patch.process() != null) {
			yours.set("process", patch.process());
			conflicting.addAll(MergePatch.changedFields(stored.process(), patch.process(), "process"));
		}
		return conflict(attempt, now, "This member's entry", stamp, current, yours, conflicting);
	}

	/** A note signed, co-signed or voided meanwhile: refused without any content. */
	private ApiProblem locked(Attempt attempt, SessionNote now) {
		return this.guard.fail(attempt, (now != null) ? NoteGuard.locked(now) : NoteProblems.notFound());
	}

	/**
	 * Someone saved the same part meanwhile: the writer, who may read the note anyway, is
	 * answered the part as stored now ({@code current}) beside what they submitted
	 * ({@code yours}) and the fields their patch would change in it
	 * ({@code conflictingFields}), so that nothing they wrote is lost. Showing the stored
	 * part is a read and is audited as one. The content goes into the answer only: the
	 * problem's detail names versions, its members are {@link ClinicalContent}.
	 */
	private ApiProblem conflict(Attempt attempt, SessionNote now, String what, PartStamp stamp, ObjectNode current,
			ObjectNode yours, List<String> conflicting) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("current", new ClinicalContent(current));
		properties.put("yours", new ClinicalContent(yours));
		properties.put("conflictingFields", List.copyOf(conflicting));
		ApiProblem problem = ApiProblem.conflict(
				what + " was saved by someone else meanwhile (now version " + stamp.version()
						+ "): compare 'current' with 'yours' and save again naming version " + stamp.version() + ".",
				properties);
		this.guard.fail(attempt, problem);
		this.guard.granted(Attempt.byId(attempt.actor(), AuditAction.READ, now.id()).about(attempt.patientIds()));
		return problem;
	}

	/**
	 * {@code {version, <content fields>, updatedAt, updatedBy}}, absent content as null.
	 */
	private static ObjectNode stored(PartStamp stamp, Map<String, JsonNode> content) {
		ObjectNode part = JSON.objectNode().put("version", stamp.version());
		content.forEach((field, value) -> part.set(field, orNull(value)));
		part.put("updatedAt", (stamp.updatedAt() != null) ? stamp.updatedAt().toString() : null);
		part.put("updatedBy", stamp.updatedBy());
		return part;
	}

	private static JsonNode orNull(JsonNode content) {
		return (content != null) ? content : JSON.nullNode();
	}

}
