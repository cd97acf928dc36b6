package org.therapygroups.notes.note;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteAddendumAdded;
import org.therapygroups.events.notes.NoteCoSigned;
import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.events.notes.NoteVoided;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.notes.access.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.notes.note.NoteStore.Creation;
import org.therapygroups.notes.note.NoteStore.Documented;
import org.therapygroups.notes.note.NoteStore.DraftPart;
import org.therapygroups.notes.note.NoteStore.GroupPart;
import org.therapygroups.notes.note.NoteStore.MemberPart;
import org.therapygroups.notes.note.NoteStore.Signing;
import org.therapygroups.notes.note.NoteViews.AddendumView;
import org.therapygroups.notes.note.NoteViews.Disclosed;
import org.therapygroups.notes.note.NoteViews.DocumentationReport;
import org.therapygroups.notes.note.NoteViews.DocumentationStatus;
import org.therapygroups.notes.note.NoteViews.MemberView;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.OwnEntry;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.NoteViews.VoidView;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.notes.note.SessionNote.Signature;
import org.therapygroups.notes.note.SessionNote.Voiding;
import org.therapygroups.notes.problem.ApiProblem;
import org.therapygroups.notes.problem.FieldError;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionView;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.notes.template.NoteTemplate;
import org.therapygroups.notes.template.TemplateValidator;

/**
 * The note lifecycle: draft (autosaved, optimistic version) → signed (locked, signer,
 * time and content hash) → co-signed where the group's supervisor must → addenda as new
 * signed records → void with a reason. Nothing is overwritten or deleted. Each change is
 * one atomic update of one note document ({@link NoteStore}); refusals and reads are
 * audited before the answer goes out ({@link NoteGuard}).
 */
@Service
public class Notes {

	static final Set<String> ADDENDUM_PARTS = Set.of("GROUP", "PROGRESS", "PROCESS");

	/** Past this, an unsigned note is overdue and a signed one was signed late. */
	private static final Duration OVERDUE = Duration.ofHours(72);

	private final NoteGuard guard;

	private final NoteStore store;

	private final NoteContent content;

	private final NoteAccess access;

	private final SessionsReadModel sessions;

	private final OtherMemberMentions mentions;

	Notes(NoteGuard guard, NoteStore store, NoteContent content, NoteAccess access, SessionsReadModel sessions,
			OtherMemberMentions mentions) {
		this.guard = guard;
		this.store = store;
		this.content = content;
		this.access = access;
		this.sessions = sessions;
		this.mentions = mentions;
	}

	// ------------------------------------------------------------------ drafts

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
		if (group == null || !group.facilitatorIds().contains(actor.userId())) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
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
		Instant now = NoteStore.now();
		NoteTemplate template = this.content.templateFor(draft.modality());
		Attempt creating = new Attempt(actor, AuditAction.CREATE, noteId, draft.patientIds());
		NoteDrafted drafted = new NoteDrafted(noteId, draft.sessionId(), draft.groupId(), draft.programId(),
				NoteEvent.DRAFT, (actor == Actor.SYSTEM) ? null : actor.userId(), draft.endsAt(), now);
		boolean inserted = this.store.insertDraft(new Creation(noteId, draft, template, actor.userId(), now),
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
			throw this.guard.fail(attempt, ApiProblem.invalid(errors));
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
				.invalid(List.of(new FieldError("patientId", "is not an attending member of this session"))));
		}
		NoteTemplate template = this.content.template(note);
		List<FieldError> errors = new ArrayList<>();
		errors.addAll(TemplateValidator.validate(template.progress(), entry.progress(), "progress"));
		errors.addAll(TemplateValidator.validate(template.process(), entry.process(), "process"));
		if (errors.isEmpty()) {
			errors.addAll(this.mentions.find(note, patientId, entry.texts()));
		}
		if (!errors.isEmpty()) {
			throw this.guard.fail(onMember, ApiProblem.invalid(errors));
		}
		MemberEntry sealed = new MemberEntry(
				this.content.seal(noteId, NoteContent.progressField(patientId), entry.progress()),
				this.content.seal(noteId, NoteContent.processField(patientId), entry.process()), NoteStore.now(),
				actor.userId());
		return save(onMember, version, new MemberPart(patientId, sealed));
	}

	private Saved save(Attempt attempt, long version, DraftPart part) {
		if (!this.store.saveDraft(attempt.noteId(), version, part, attempt.succeeded())) {
			throw this.guard.fail(attempt, this.guard.staleOrLocked(attempt.noteId(), version));
		}
		return new Saved(attempt.noteId(), version + 1, NoteEvent.DRAFT);
	}

	// ------------------------------------------------------------------ reads

	/**
	 * The whole note with all content: facilitators and the supervisor only.
	 * @param actor the caller
	 * @param noteId the note
	 * @return the note
	 */
	public NoteView read(Actor actor, String noteId) {
		SessionNote note = this.guard.load(actor, AuditAction.READ, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.READ, note);
		this.guard.requireClinician(attempt);
		if (!this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		NoteView view = whole(note);
		this.guard.granted(attempt);
		return view;
	}

	/**
	 * One member's entry: both parts for the group's clinicians, the progress entry only
	 * for the patient themselves once signed.
	 * @param actor the caller
	 * @param noteId the note
	 * @param patientId the member
	 * @return the entry
	 */
	public MemberView readMember(Actor actor, String noteId, String patientId) {
		SessionNote note = this.guard.load(actor, AuditAction.READ, noteId);
		Attempt attempt = Attempt.byId(actor, AuditAction.READ, note.id()).about(List.of(patientId));
		MemberView view;
		if (actor.isClinician()) {
			view = memberForClinician(attempt, note, patientId);
		}
		else if (actor.isPatient()) {
			view = memberForPatient(attempt, note, patientId);
		}
		else {
			throw this.guard.deny(attempt, ApiProblem.forbidden());
		}
		this.guard.granted(attempt);
		return view;
	}

	private MemberView memberForClinician(Attempt attempt, SessionNote note, String patientId) {
		if (!this.access.mayReadContent(attempt.actor(), note)) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		MemberEntry entry = note.members().get(patientId);
		RosterMember member = note.rosterMember(patientId);
		if (member == null) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		if (entry == null) {
			return new MemberView(patientId, member.attendance(), null, null, null, null);
		}
		return memberView(note, member, entry);
	}

	private MemberView memberView(SessionNote note, RosterMember member, MemberEntry entry) {
		String patientId = member.patientId();
		return new MemberView(patientId, member.attendance(),
				this.content.open(note.id(), NoteContent.progressField(patientId), entry.progress()),
				this.content.open(note.id(), NoteContent.processField(patientId), entry.process()), entry.updatedAt(),
				entry.updatedBy());
	}

	/** Never the process note: it is not part of the record a patient may read. */
	private MemberView memberForPatient(Attempt attempt, SessionNote note, String patientId) {
		if (!this.access.isOwnSignedEntry(attempt.actor(), note, patientId)) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		MemberEntry entry = note.members().get(patientId);
		return new MemberView(patientId, note.rosterMember(patientId).attendance(),
				this.content.open(note.id(), NoteContent.progressField(patientId), entry.progress()), null, null, null);
	}

	/**
	 * A patient's own signed progress entries, newest first, with the addenda to them.
	 * @param actor the patient
	 * @return the entries
	 */
	public List<OwnEntry> mine(Actor actor) {
		if (!actor.isPatient() || !NoteContent.isPlainId(actor.userId())) {
			throw this.guard.deny(Attempt.byId(actor, AuditAction.READ, null), ApiProblem.forbidden());
		}
		String self = actor.userId();
		List<OwnEntry> entries = new ArrayList<>();
		for (SessionNote note : this.store.signedWithProgressOf(self)) {
			List<AddendumView> addenda = note.addenda()
				.stream()
				.filter((addendum) -> self.equals(addendum.patientId()) && "PROGRESS".equals(addendum.part()))
				.map((addendum) -> addendumView(note, addendum))
				.toList();
			JsonNode progress = this.content.open(note.id(), NoteContent.progressField(self),
					note.members().get(self).progress());
			entries.add(new OwnEntry(note.id(), note.sessionId(), note.groupId(), note.sessionStartsAt(), note.status(),
					progress, addenda));
			this.guard.granted(Attempt.byId(actor, AuditAction.READ, note.id()).about(List.of(self)));
		}
		return entries;
	}

	/**
	 * The note of a session, without content: for a facilitator looking for the draft.
	 * @param actor the caller
	 * @param sessionId the session
	 * @return the metadata
	 */
	public NoteView findForSession(Actor actor, String sessionId) {
		this.guard.requireClinician(Attempt.byId(actor, AuditAction.READ, null));
		SessionNote note = this.store.findBySession(sessionId);
		if (note == null || !this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(Attempt.byId(actor, AuditAction.READ, (note != null) ? note.id() : null),
					ApiProblem.notFound());
		}
		return NoteViews.metadata(note);
	}

	private NoteView whole(SessionNote note) {
		List<MemberView> members = new ArrayList<>();
		for (RosterMember member : note.roster()) {
			MemberEntry entry = note.members().get(member.patientId());
			if (entry != null) {
				members.add(memberView(note, member, entry));
			}
		}
		List<AddendumView> addenda = note.addenda().stream().map((addendum) -> addendumView(note, addendum)).toList();
		VoidView voided = (note.voided() != null) ? new VoidView(note.voided().actorId(), note.voided().at(),
				this.content.openText(note.id(), NoteContent.VOID_REASON, note.voided().reason()),
				note.voided().statusBefore()) : null;
		// a signed note shows whether its content still hashes to what was signed
		String integrity = null;
		if (note.signature() != null) {
			integrity = this.content.contentHash(note).equals(note.signature().contentHash()) ? "VERIFIED" : "MISMATCH";
		}
		JsonNode group = this.content.open(note.id(), NoteContent.GROUP, note.group());
		return NoteViews.of(note, new Disclosed(group, members, addenda, voided, integrity));
	}

	private AddendumView addendumView(SessionNote note, Addendum addendum) {
		return new AddendumView(addendum.addendumId(), addendum.authorId(), addendum.patientId(), addendum.part(),
				addendum.serviceDate(), addendum.writtenAt(),
				this.content.openText(note.id(), NoteContent.addendumField(addendum.addendumId()), addendum.text()),
				addendum.contentHash());
	}

	// ------------------------------------------------------------------ sign, co-sign

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
		Instant now = NoteStore.now();
		String hash = this.content.contentHash(note);
		Map<String, List<String>> blindIndex = this.content.blindIndex(note, template);
		String supervisor = (note.supervisorId() != null) ? note.supervisorId()
				: this.sessions.group(note.groupId()).map(GroupView::supervisorId).orElse(null);
		boolean coSignRequired = supervisor != null && !supervisor.equals(actor.userId());
		Signing signing = new Signing(new Signature(actor.userId(), now, hash), coSignRequired, supervisor, blindIndex);
		NoteSigned signed = new NoteSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.SIGNED,
				actor.userId(), coSignRequired, note.sessionEndsAt(), now);
		if (!this.store.sign(note, signing, attempt.succeeded(), signed)) {
			throw this.guard.fail(attempt, this.guard.staleOrLocked(note.id(), version));
		}
		return new Saved(note.id(), version + 1, NoteEvent.SIGNED);
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
							: ApiProblem.notFound());
		}
		if (!NoteEvent.SIGNED.equals(note.status()) || !note.coSignRequired()) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note does not await a co-signature."));
		}
		Instant now = NoteStore.now();
		// the co-signer vouches for exactly what the signer signed
		Signature coSignature = new Signature(actor.userId(), now, note.signature().contentHash());
		NoteCoSigned coSigned = new NoteCoSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.CO_SIGNED,
				actor.userId(), now);
		if (!this.store.coSign(note, coSignature, attempt.succeeded(), coSigned)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note changed meanwhile: reload it."));
		}
		return new Saved(note.id(), note.version() + 1, NoteEvent.CO_SIGNED);
	}

	// ------------------------------------------------------------------ addenda, void

	/**
	 * Links a new signed addendum to a signed note; the original is not touched.
	 * @param actor a facilitator or the supervisor
	 * @param noteId the note
	 * @param text the addendum
	 * @param patientId the member it concerns, or {@code null} for the group part
	 * @param part {@code GROUP}, {@code PROGRESS} or {@code PROCESS}
	 * @return the addendum as stored
	 */
	public AddendumView addAddendum(Actor actor, String noteId, String text, String patientId, String part) {
		SessionNote note = this.guard.load(actor, AuditAction.ADDENDUM, noteId);
		Attempt onNote = Attempt.of(actor, AuditAction.ADDENDUM, note);
		this.guard.requireClinician(onNote);
		Attempt attempt = (patientId != null) ? onNote.about(List.of(patientId)) : onNote;
		if (!this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		String effectivePart = (part != null) ? part : ((patientId != null) ? "PROGRESS" : "GROUP");
		List<FieldError> errors = invalid(note, patientId, effectivePart);
		if (errors.isEmpty() && patientId != null) {
			errors.addAll(this.mentions.find(note, patientId, List.of(text)));
		}
		if (!errors.isEmpty()) {
			throw this.guard.fail(attempt, ApiProblem.invalid(errors));
		}
		if (!note.isSigned()) {
			throw this.guard.fail(attempt, ApiProblem.conflict(note.isDraft()
					? "A draft is edited, not amended: sign it first." : "A voided note takes no addenda."));
		}
		String addendumId = UUID.randomUUID().toString();
		Instant now = NoteStore.now();
		String field = NoteContent.addendumField(addendumId);
		Sealed sealed = this.content.sealText(noteId, field, text);
		String hash = NoteContent.textHash(field, text);
		Addendum addendum = new Addendum(addendumId, actor.userId(), patientId, effectivePart, note.sessionStartsAt(),
				now, sealed, hash);
		NoteAddendumAdded added = new NoteAddendumAdded(note.id(), addendumId, note.sessionId(), note.groupId(),
				note.status(), actor.userId(), note.sessionStartsAt(), now);
		if (!this.store.addAddendum(note.id(), addendum, attempt.succeeded(), added)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note was voided meanwhile."));
		}
		return new AddendumView(addendumId, actor.userId(), patientId, effectivePart, note.sessionStartsAt(), now, text,
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
	public Saved voidNote(Actor actor, String noteId, String reason) {
		SessionNote note = this.guard.load(actor, AuditAction.VOID, noteId);
		Attempt attempt = Attempt.of(actor, AuditAction.VOID, note);
		this.guard.requireClinician(attempt);
		if (!this.access.mayReadContent(actor, note)) {
			throw this.guard.deny(attempt, ApiProblem.notFound());
		}
		if (note.isVoided()) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note is already voided."));
		}
		Instant now = NoteStore.now();
		Sealed sealed = this.content.sealText(noteId, NoteContent.VOID_REASON, reason);
		Voiding voiding = new Voiding(actor.userId(), now, sealed, note.status());
		NoteVoided voided = new NoteVoided(note.id(), note.sessionId(), note.groupId(), NoteEvent.VOIDED,
				actor.userId(), now);
		if (!this.store.voidNote(note, voiding, attempt.succeeded(), voided)) {
			throw this.guard.fail(attempt, ApiProblem.conflict("The note changed meanwhile: reload it."));
		}
		return new Saved(note.id(), note.version() + 1, NoteEvent.VOIDED);
	}

	// ------------------------------------------------------------------ for patterns

	/**
	 * The signed process notes of one patient in the given groups.
	 * @param patientId the patient
	 * @param groupIds groups the caller facilitates
	 * @param blindIndexToken only notes whose index holds this token, or {@code null}
	 * @return decrypted process notes, oldest first
	 */
	public List<SignedProcessNote> signedProcessNotes(String patientId, Set<String> groupIds, String blindIndexToken) {
		if (!NoteContent.isPlainId(patientId) || groupIds.isEmpty()) {
			return List.of();
		}
		List<SignedProcessNote> notes = new ArrayList<>();
		for (SessionNote note : this.store.signedWithProcessOf(patientId, groupIds, blindIndexToken)) {
			notes.add(new SignedProcessNote(note.id(), note.sessionId(), note.groupId(), note.sessionStartsAt(),
					this.content.template(note), this.content.open(note.id(), NoteContent.processField(patientId),
							note.members().get(patientId).process())));
		}
		return notes;
	}

	// ------------------------------------------------------------------ directors

	/**
	 * Documentation status per session, without content, of the programs the caller
	 * directs.
	 * @param actor the caller
	 * @param programId only this program, or {@code null} for all the caller directs
	 * @param from sessions ending at or after, or {@code null}
	 * @param to sessions ending before, or {@code null}
	 * @return the report
	 * @throws ApiProblem 403 for anybody but a director, or a program the caller does not
	 * direct
	 */
	public DocumentationReport documentationStatus(Actor actor, String programId, Instant from, Instant to) {
		if (!actor.isDirector()) {
			throw ApiProblem.forbidden();
		}
		Set<String> directed = this.sessions.programsDirectedBy(actor.userId());
		if (programId != null && !directed.contains(programId)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN,
					"Only the directors of this program see its documentation status.");
		}
		Instant now = NoteStore.now();
		List<DocumentationStatus> notes = new ArrayList<>();
		for (Documented note : this.store.documentation((programId != null) ? Set.of(programId) : directed, from, to)) {
			notes.add(status(note, now));
		}
		int signedCount = (int) notes.stream().filter(DocumentationStatus::signed).count();
		return new DocumentationReport(now, notes.size(), signedCount,
				(int) notes.stream().filter((n) -> !n.signed() && !NoteEvent.VOIDED.equals(n.status())).count(),
				(int) notes.stream().filter(DocumentationStatus::overdue).count(),
				(int) notes.stream().filter(DocumentationStatus::signedLate).count(), notes);
	}

	private static DocumentationStatus status(Documented note, Instant now) {
		Instant endsAt = note.sessionEndsAt();
		Instant signedAt = note.signedAt();
		boolean signed = signedAt != null;
		Double hoursToSign = (signed && endsAt != null) ? hours(Duration.between(endsAt, signedAt)) : null;
		boolean voided = NoteEvent.VOIDED.equals(note.status());
		Double hoursOpen = (!signed && !voided && endsAt != null) ? hours(Duration.between(endsAt, now)) : null;
		boolean overdue = !signed && !voided && endsAt != null && Duration.between(endsAt, now).compareTo(OVERDUE) > 0;
		boolean late = signed && endsAt != null && Duration.between(endsAt, signedAt).compareTo(OVERDUE) > 0;
		return new DocumentationStatus(note.noteId(), note.sessionId(), note.groupId(), note.programId(), endsAt,
				note.status(), signed, signedAt, hoursToSign, late, overdue, note.coSignRequired(), note.coSigned(),
				hoursOpen);
	}

	/** Hours to one decimal, as a director reads them. */
	private static Double hours(Duration duration) {
		return Math.round(duration.toMinutes() / 6.0) / 10.0;
	}

}
