package org.therapygroups.notes.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.notes.NoteAddendumAdded;
import org.therapygroups.events.notes.NoteCoSigned;
import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.events.notes.NoteVoided;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.audit.AuditOutcome;
import org.therapygroups.notes.audit.AuditRecord;
import org.therapygroups.notes.audit.AuditTrail;
import org.therapygroups.notes.crypto.NoteCrypto;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.notes.note.NoteViews.AddendumView;
import org.therapygroups.notes.note.NoteViews.MemberView;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.OwnEntry;
import org.therapygroups.notes.note.NoteViews.RosterView;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.note.NoteViews.SignatureView;
import org.therapygroups.notes.note.NoteViews.TemplateRef;
import org.therapygroups.notes.note.NoteViews.VoidView;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionView;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.notes.template.NoteTemplate;
import org.therapygroups.notes.template.NoteTemplate.Part;
import org.therapygroups.notes.template.TemplateValidator;
import org.therapygroups.notes.template.Templates;

/**
 * The note lifecycle: draft (autosaved, optimistic version) → signed (locked, signer,
 * time and content hash) → co-signed where the group's supervisor must → addenda as new
 * signed records → void with a reason. Nothing is overwritten or deleted.
 * <p>
 * Every change is ONE conditional single-document update that also pushes the change's
 * audit record ({@code pendingAudit}) and its event ({@code outbox}); the filter carries
 * the expected version and status, so a stale save or an edit of a signed note matches
 * nothing and changes nothing. Reads and refusals are appended to the audit chain before
 * the answer goes out.
 */
@Service
public class Notes {

	static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	static final Set<String> ADDENDUM_PARTS = Set.of("GROUP", "PROGRESS", "PROCESS");

	private static final Logger log = LoggerFactory.getLogger(Notes.class);

	private static final String PENDING = AuditTrail.PENDING;

	private static final Duration OVERDUE = Duration.ofHours(72);

	private final MongoTemplate mongo;

	private final NoteCrypto crypto;

	private final AuditTrail audit;

	private final OutboxRelay outbox;

	private final NoteAccess access;

	private final SessionsReadModel sessions;

	private final Templates templates;

	private final Directory directory;

	private final JsonMapper json;

	private volatile boolean indexed;

	Notes(MongoTemplate mongo, NoteCrypto crypto, AuditTrail audit, OutboxRelay outbox, NoteAccess access,
			SessionsReadModel sessions, Templates templates, Directory directory, JsonMapper json) {
		this.mongo = mongo;
		this.crypto = crypto;
		this.audit = audit;
		this.outbox = outbox;
		this.access = access;
		this.sessions = sessions;
		this.templates = templates;
		this.directory = directory;
		this.json = json;
	}

	// ------------------------------------------------------------------ drafts

	/**
	 * Opens the draft of a completed session, once: a redelivered event, or one arriving
	 * after a facilitator opened the draft by hand, finds the existing note (the session
	 * id is unique) and only brings the hand-made draft's roster up to date.
	 * @param completed the event
	 */
	public void openFromCompletedSession(SessionCompleted completed) {
		ensureIndexes();
		Optional<GroupView> group = this.sessions.group(completed.groupId());
		List<String> facilitators = !completed.facilitatorIds().isEmpty() ? completed.facilitatorIds()
				: group.map(GroupView::facilitatorIds).orElse(List.of());
		List<RosterMember> roster = completed.roster()
			.stream()
			.map((RosterEntry entry) -> new RosterMember(entry.patientId(), entry.attendance().name()))
			.toList();
		SessionNote existing = findBySession(completed.sessionId());
		if (existing != null) {
			if (existing.isDraft()) {
				// a hand-made draft learns the real attendance; a second delivery writes
				// the
				// same values again
				this.mongo.updateFirst(
						Query.query(Criteria.where("_id").is(existing.id()).and("status").is(NoteEvent.DRAFT)),
						new Update().set("roster", rosterBson(roster))
							.set("sessionStartsAt", Date.from(completed.startsAt()))
							.set("sessionEndsAt", Date.from(completed.endsAt()))
							.set("rosterFrom", "SESSION_COMPLETED"),
						SessionNote.COLLECTION);
			}
			return;
		}
		insertDraft(Actor.SYSTEM, completed.sessionId(), completed.groupId(), completed.programId(),
				completed.modality(), completed.startsAt(), completed.endsAt(), facilitators,
				group.map(GroupView::supervisorId).orElse(null), roster, "SESSION_COMPLETED");
	}

	/**
	 * A facilitator opens the draft of a session by hand (before or without its
	 * completion event). Opening an existing one returns it.
	 * @param actor the caller
	 * @param sessionId the session
	 * @return the draft's metadata, and whether it was created now
	 */
	public Opened openByHand(Actor actor, String sessionId) {
		ensureIndexes();
		if (!actor.isClinician()) {
			throw deny(actor, AuditAction.CREATE, null, List.of(), NoteProblems.forbidden());
		}
		SessionView session = this.sessions.session(sessionId).orElse(null);
		GroupView group = (session != null) ? this.sessions.group(session.groupId()).orElse(null) : null;
		if (group == null || !group.facilitatorIds().contains(actor.id())) {
			throw deny(actor, AuditAction.CREATE, null, List.of(), NoteProblems.notFound());
		}
		SessionNote existing = findBySession(sessionId);
		if (existing == null) {
			List<RosterMember> roster = this.sessions.members(group.groupId())
				.stream()
				.map((patientId) -> new RosterMember(patientId, "NOT_RECORDED"))
				.toList();
			String id = insertDraft(actor, sessionId, group.groupId(), group.programId(), group.modality(),
					session.startsAt(), session.endsAt(), group.facilitatorIds(), group.supervisorId(), roster,
					"MANUAL");
			if (id != null) {
				return new Opened(metadata(load(id)), true);
			}
			existing = findBySession(sessionId);
		}
		return new Opened(metadata(existing), false);
	}

	record Opened(NoteView note, boolean created) {

	}

	private String insertDraft(Actor actor, String sessionId, String groupId, String programId, String modality,
			Instant startsAt, Instant endsAt, List<String> facilitators, String supervisorId, List<RosterMember> roster,
			String origin) {
		String noteId = UUID.randomUUID().toString();
		Instant now = now();
		NoteTemplate template = this.templates.forModality(modality);
		Document note = new Document("_id", noteId).append("sessionId", sessionId)
			.append("groupId", groupId)
			.append("programId", programId)
			.append("modality", modality)
			.append("template", new Document("id", template.id()).append("version", template.version()))
			.append("sessionStartsAt", SessionNote.date(startsAt))
			.append("sessionEndsAt", SessionNote.date(endsAt))
			.append("facilitatorIds", facilitators)
			.append("supervisorId", supervisorId)
			.append("roster", rosterBson(roster))
			.append("rosterFrom", origin)
			.append("status", NoteEvent.DRAFT)
			.append("coSignRequired", false)
			.append("version", 1L)
			.append("members", new Document())
			.append("addenda", List.of())
			.append("origin", origin)
			.append("createdAt", Date.from(now))
			.append("createdBy", actor.id())
			.append("updatedAt", Date.from(now));
		List<Document> pending = new ArrayList<>();
		if (this.audit.isOn()) {
			pending.add(AuditTrail.pending(AuditRecord.of(actor, AuditAction.CREATE, noteId,
					roster.stream().map(RosterMember::patientId).toList(), AuditOutcome.SUCCESS)));
		}
		note.append(PENDING, pending);
		NoteDrafted drafted = new NoteDrafted(noteId, sessionId, groupId, programId, NoteEvent.DRAFT,
				(actor == Actor.SYSTEM) ? null : actor.id(), endsAt, now);
		note.append("outbox", List.of(outboxBson(drafted, now)));
		try {
			this.mongo.insert(note, SessionNote.COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// the same session, opened at the same time by the event and by hand
			return null;
		}
		afterWrite(noteId);
		return noteId;
	}

	// ------------------------------------------------------------------ reads

	/**
	 * The whole note with all content: facilitators and the supervisor only.
	 * @param actor the caller
	 * @param noteId the note
	 * @return the note
	 */
	public NoteView read(Actor actor, String noteId) {
		SessionNote note = loadFor(actor, AuditAction.READ, noteId);
		requireClinician(actor, AuditAction.READ, note);
		if (!this.access.mayReadContent(actor, note)) {
			throw deny(actor, AuditAction.READ, note, NoteProblems.notFound());
		}
		NoteView view = full(note);
		// audited before the content leaves: if the trail cannot be written, nothing is
		// returned
		this.audit.record(AuditRecord.of(actor, AuditAction.READ, note.id(), note.patientIds(), AuditOutcome.SUCCESS));
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
		SessionNote note = loadFor(actor, AuditAction.READ, noteId);
		List<String> patient = List.of(patientId);
		MemberView view;
		if (actor.isClinician()) {
			if (!this.access.mayReadContent(actor, note)) {
				throw deny(actor, AuditAction.READ, note.id(), patient, NoteProblems.notFound());
			}
			MemberEntry entry = note.members().get(patientId);
			RosterMember member = note.rosterMember(patientId);
			if (member == null) {
				throw deny(actor, AuditAction.READ, note.id(), patient, NoteProblems.notFound());
			}
			view = new MemberView(patientId, member.attendance(),
					(entry != null) ? open(note.id(), progressField(patientId), entry.progress()) : null,
					(entry != null) ? open(note.id(), processField(patientId), entry.process()) : null,
					(entry != null) ? entry.updatedAt() : null, (entry != null) ? entry.updatedBy() : null);
		}
		else if (actor.isPatient()) {
			if (!this.access.isOwnSignedEntry(actor, note, patientId)) {
				throw deny(actor, AuditAction.READ, note.id(), patient, NoteProblems.notFound());
			}
			MemberEntry entry = note.members().get(patientId);
			view = new MemberView(patientId, note.rosterMember(patientId).attendance(),
					open(note.id(), progressField(patientId), entry.progress()), null, null, null);
		}
		else {
			throw deny(actor, AuditAction.READ, note.id(), patient, NoteProblems.forbidden());
		}
		this.audit.record(AuditRecord.of(actor, AuditAction.READ, note.id(), patient, AuditOutcome.SUCCESS));
		return view;
	}

	/**
	 * A patient's own signed progress entries, newest first, with the addenda to them.
	 * @param actor the patient
	 * @return the entries
	 */
	public List<OwnEntry> mine(Actor actor) {
		if (!actor.isPatient() || !USER_ID.matcher(actor.id()).matches()) {
			throw deny(actor, AuditAction.READ, null, List.of(), NoteProblems.forbidden());
		}
		String self = actor.id();
		Query query = Query
			.query(Criteria.where("roster.patientId")
				.is(self)
				.and("status")
				.in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED)
				.and("members." + self + ".progress")
				.exists(true))
			.with(Sort.by(Sort.Direction.DESC, "sessionStartsAt"));
		List<OwnEntry> entries = new ArrayList<>();
		for (Document document : this.mongo.find(query, Document.class, SessionNote.COLLECTION)) {
			SessionNote note = SessionNote.from(document);
			List<AddendumView> addenda = note.addenda()
				.stream()
				.filter((addendum) -> self.equals(addendum.patientId()) && "PROGRESS".equals(addendum.part()))
				.map((addendum) -> addendumView(note, addendum))
				.toList();
			entries.add(new OwnEntry(note.id(), note.sessionId(), note.groupId(), note.sessionStartsAt(), note.status(),
					open(note.id(), progressField(self), note.members().get(self).progress()), addenda));
			this.audit.record(AuditRecord.of(actor, AuditAction.READ, note.id(), List.of(self), AuditOutcome.SUCCESS));
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
		if (!actor.isClinician()) {
			throw deny(actor, AuditAction.READ, null, List.of(), NoteProblems.forbidden());
		}
		SessionNote note = findBySession(sessionId);
		if (note == null || !this.access.mayReadContent(actor, note)) {
			throw deny(actor, AuditAction.READ, (note != null) ? note.id() : null, List.of(), NoteProblems.notFound());
		}
		return metadata(note);
	}

	// ------------------------------------------------------------------ saves

	/**
	 * Autosaves the group part of a draft.
	 * @param actor the caller
	 * @param noteId the note
	 * @param version the version the caller edited
	 * @param group the group part
	 * @return the new version
	 */
	public Saved saveGroup(Actor actor, String noteId, long version, JsonNode group) {
		SessionNote note = loadFor(actor, AuditAction.SAVE, noteId);
		requireWriter(actor, AuditAction.SAVE, note);
		NoteTemplate template = template(note);
		List<FieldError> errors = TemplateValidator.validate(template.group(), group, "group");
		if (!errors.isEmpty()) {
			throw fail(actor, AuditAction.SAVE, note, ApiProblem.badRequest(errors));
		}
		Sealed sealed = seal(noteId, "group", group);
		Update update = new Update().set("group", SessionNote.bson(sealed));
		return saveDraft(actor, note, version, update, note.patientIds());
	}

	/**
	 * Autosaves one member's entry (progress entry and process note) of a draft.
	 * @param actor the caller
	 * @param noteId the note
	 * @param patientId the member
	 * @param version the version the caller edited
	 * @param progress the progress entry
	 * @param process the process note
	 * @return the new version
	 */
	public Saved saveMember(Actor actor, String noteId, String patientId, long version, JsonNode progress,
			JsonNode process) {
		SessionNote note = loadFor(actor, AuditAction.SAVE, noteId);
		requireWriter(actor, AuditAction.SAVE, note);
		List<String> patient = List.of(patientId);
		RosterMember member = note.rosterMember(patientId);
		if (member == null || !member.attended() || !USER_ID.matcher(patientId).matches()) {
			throw fail(actor, AuditAction.SAVE, note.id(), patient, ApiProblem
				.badRequest(List.of(new FieldError("patientId", "is not an attending member of this session"))));
		}
		NoteTemplate template = template(note);
		List<FieldError> errors = new ArrayList<>();
		errors.addAll(TemplateValidator.validate(template.progress(), progress, "progress"));
		errors.addAll(TemplateValidator.validate(template.process(), process, "process"));
		if (errors.isEmpty()) {
			errors.addAll(namesNoOtherMember(note, patientId, progress, process));
		}
		if (!errors.isEmpty()) {
			throw fail(actor, AuditAction.SAVE, note.id(), patient, ApiProblem.badRequest(errors));
		}
		Document entry = new Document("progress", SessionNote.bson(seal(noteId, progressField(patientId), progress)))
			.append("process", SessionNote.bson(seal(noteId, processField(patientId), process)))
			.append("updatedAt", Date.from(now()))
			.append("updatedBy", actor.id());
		return saveDraft(actor, note, version, new Update().set("members." + patientId, entry), patient);
	}

	/**
	 * One member's entry must stand alone: it may not carry another member's id or
	 * directory name. The error says which entry, never what was written.
	 */
	private List<FieldError> namesNoOtherMember(SessionNote note, String patientId, JsonNode progress,
			JsonNode process) {
		List<String> texts = new ArrayList<>(TemplateValidator.texts(progress));
		texts.addAll(TemplateValidator.texts(process));
		if (texts.isEmpty()) {
			return List.of();
		}
		String all = String.join("\n", texts).toLowerCase(Locale.ROOT);
		for (RosterMember other : note.roster()) {
			if (other.patientId().equals(patientId)) {
				continue;
			}
			Set<String> identifiers = new LinkedHashSet<>();
			identifiers.add(other.patientId().toLowerCase(Locale.ROOT));
			this.directory.find(other.patientId())
				.map(DirectoryUser::displayName)
				.filter((name) -> name != null && name.strip().length() >= 3)
				.ifPresent((name) -> identifiers.add(name.strip().toLowerCase(Locale.ROOT)));
			for (String identifier : identifiers) {
				if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(identifier) + "(?![\\p{L}\\p{N}])")
					.matcher(all)
					.find()) {
					return List.of(new FieldError("members[" + patientId + "]",
							"must not identify another member of the group"));
				}
			}
		}
		return List.of();
	}

	private Saved saveDraft(Actor actor, SessionNote note, long version, Update update, List<String> patientIds) {
		Query query = Query
			.query(Criteria.where("_id").is(note.id()).and("status").is(NoteEvent.DRAFT).and("version").is(version));
		update.inc("version", 1L);
		AuditRecord record = AuditRecord.of(actor, AuditAction.SAVE, note.id(), patientIds, AuditOutcome.SUCCESS);
		if (!write(query, update, record, null, note.id())) {
			throw fail(actor, AuditAction.SAVE, note.id(), patientIds, whyNot(note.id(), version));
		}
		return new Saved(note.id(), version + 1, NoteEvent.DRAFT);
	}

	private ApiProblem whyNot(String noteId, long version) {
		SessionNote now = load(noteId);
		if (now == null) {
			return NoteProblems.notFound();
		}
		if (!now.isDraft()) {
			return ApiProblem.conflict("The note is " + now.status().toLowerCase(Locale.ROOT)
					+ " and its content is locked: add an addendum instead.");
		}
		return ApiProblem.conflict("The note was changed by someone else (now version " + now.version()
				+ "): reload it and apply your change again.");
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
		SessionNote note = loadFor(actor, AuditAction.SIGN, noteId);
		requireWriter(actor, AuditAction.SIGN, note);
		if (!note.isDraft() || note.version() != version) {
			throw fail(actor, AuditAction.SIGN, note.id(), note.patientIds(), whyNot(note.id(), version));
		}
		NoteTemplate template = template(note);
		Instant now = now();
		String hash = contentHash(note);
		Document blindIndex = new Document();
		note.members().forEach((patientId, entry) -> {
			Set<String> tokens = new LinkedHashSet<>();
			JsonNode process = open(note.id(), processField(patientId), entry.process());
			JsonNode progress = open(note.id(), progressField(patientId), entry.progress());
			TemplateValidator.patterns(template.process(), process)
				.forEach((kind, values) -> values.forEach((value) -> tokens.add(this.crypto.blindIndex(kind, value))));
			TemplateValidator.patterns(template.progress(), progress)
				.forEach((kind, values) -> values.forEach((value) -> tokens.add(this.crypto.blindIndex(kind, value))));
			blindIndex.append(patientId, new ArrayList<>(tokens));
		});
		String supervisor = (note.supervisorId() != null) ? note.supervisorId()
				: this.sessions.group(note.groupId()).map(GroupView::supervisorId).orElse(null);
		boolean coSignRequired = supervisor != null && !supervisor.equals(actor.id());
		Query query = Query
			.query(Criteria.where("_id").is(note.id()).and("status").is(NoteEvent.DRAFT).and("version").is(version));
		Update update = new Update().set("status", NoteEvent.SIGNED)
			.set("signature",
					new Document("signerId", actor.id()).append("signedAt", Date.from(now)).append("contentHash", hash))
			.set("coSignRequired", coSignRequired)
			.set("supervisorId", supervisor)
			.set("blindIndex", blindIndex)
			.inc("version", 1L);
		NoteSigned signed = new NoteSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.SIGNED, actor.id(),
				coSignRequired, note.sessionEndsAt(), now);
		AuditRecord record = AuditRecord.of(actor, AuditAction.SIGN, note.id(), note.patientIds(),
				AuditOutcome.SUCCESS);
		if (!write(query, update, record, signed, note.id())) {
			throw fail(actor, AuditAction.SIGN, note.id(), note.patientIds(), whyNot(note.id(), version));
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
		SessionNote note = loadFor(actor, AuditAction.CO_SIGN, noteId);
		requireClinician(actor, AuditAction.CO_SIGN, note);
		if (!this.access.supervises(actor, note)) {
			throw deny(actor, AuditAction.CO_SIGN, note,
					this.access.facilitates(actor, note)
							? new ApiProblem(HttpStatus.FORBIDDEN, "Only the group's supervisor co-signs its notes.")
							: NoteProblems.notFound());
		}
		if (!NoteEvent.SIGNED.equals(note.status()) || !note.coSignRequired()) {
			throw fail(actor, AuditAction.CO_SIGN, note.id(), note.patientIds(),
					ApiProblem.conflict("The note does not await a co-signature."));
		}
		Instant now = now();
		Query query = Query.query(Criteria.where("_id")
			.is(note.id())
			.and("status")
			.is(NoteEvent.SIGNED)
			.and("version")
			.is(note.version()));
		Update update = new Update().set("status", NoteEvent.CO_SIGNED)
			.set("coSignature",
					new Document("signerId", actor.id()).append("signedAt", Date.from(now))
						.append("contentHash", note.signature().contentHash()))
			.inc("version", 1L);
		NoteCoSigned coSigned = new NoteCoSigned(note.id(), note.sessionId(), note.groupId(), NoteEvent.CO_SIGNED,
				actor.id(), now);
		AuditRecord record = AuditRecord.of(actor, AuditAction.CO_SIGN, note.id(), note.patientIds(),
				AuditOutcome.SUCCESS);
		if (!write(query, update, record, coSigned, note.id())) {
			throw fail(actor, AuditAction.CO_SIGN, note.id(), note.patientIds(),
					ApiProblem.conflict("The note changed meanwhile: reload it."));
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
		SessionNote note = loadFor(actor, AuditAction.ADDENDUM, noteId);
		requireClinician(actor, AuditAction.ADDENDUM, note);
		List<String> patients = (patientId != null) ? List.of(patientId) : note.patientIds();
		if (!this.access.mayReadContent(actor, note)) {
			throw deny(actor, AuditAction.ADDENDUM, note.id(), patients, NoteProblems.notFound());
		}
		String effectivePart = (part != null) ? part : ((patientId != null) ? "PROGRESS" : "GROUP");
		List<FieldError> errors = new ArrayList<>();
		if (!ADDENDUM_PARTS.contains(effectivePart)) {
			errors.add(new FieldError("part", "must be one of GROUP, PROGRESS, PROCESS"));
		}
		if (patientId != null && note.rosterMember(patientId) == null) {
			errors.add(new FieldError("patientId", "is not a member of this session"));
		}
		if (patientId == null && !"GROUP".equals(effectivePart)) {
			errors.add(new FieldError("patientId", "is required for a member's entry"));
		}
		if (errors.isEmpty() && patientId != null) {
			errors.addAll(namesNoOtherMember(note, patientId, this.json.getNodeFactory().stringNode(text), null));
		}
		if (!errors.isEmpty()) {
			throw fail(actor, AuditAction.ADDENDUM, note.id(), patients, ApiProblem.badRequest(errors));
		}
		if (!note.isSigned()) {
			throw fail(actor, AuditAction.ADDENDUM, note.id(), patients, ApiProblem.conflict(note.isDraft()
					? "A draft is edited, not amended: sign it first." : "A voided note takes no addenda."));
		}
		String addendumId = UUID.randomUUID().toString();
		Instant now = now();
		byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
		Sealed sealed = this.crypto.seal(noteId, addendumField(addendumId), plaintext);
		String hash = sha256(addendumField(addendumId).getBytes(StandardCharsets.UTF_8), plaintext);
		Document addendum = new Document("addendumId", addendumId).append("authorId", actor.id())
			.append("patientId", patientId)
			.append("part", effectivePart)
			.append("serviceDate", SessionNote.date(note.sessionStartsAt()))
			.append("writtenAt", Date.from(now))
			.append("text", SessionNote.bson(sealed))
			.append("contentHash", hash);
		Query query = Query
			.query(Criteria.where("_id").is(note.id()).and("status").in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED));
		Update update = new Update().push("addenda", addendum).inc("version", 1L);
		NoteAddendumAdded added = new NoteAddendumAdded(note.id(), addendumId, note.sessionId(), note.groupId(),
				note.status(), actor.id(), note.sessionStartsAt(), now);
		AuditRecord record = AuditRecord.of(actor, AuditAction.ADDENDUM, note.id(), patients, AuditOutcome.SUCCESS);
		if (!write(query, update, record, added, note.id())) {
			throw fail(actor, AuditAction.ADDENDUM, note.id(), patients,
					ApiProblem.conflict("The note was voided meanwhile."));
		}
		return new AddendumView(addendumId, actor.id(), patientId, effectivePart, note.sessionStartsAt(), now, text,
				hash);
	}

	/**
	 * Voids a note made in error. It stays, with who, when, why and what it was before.
	 * @param actor a facilitator or the supervisor
	 * @param noteId the note
	 * @param reason why
	 * @return the new version
	 */
	public Saved voidNote(Actor actor, String noteId, String reason) {
		SessionNote note = loadFor(actor, AuditAction.VOID, noteId);
		requireClinician(actor, AuditAction.VOID, note);
		if (!this.access.mayReadContent(actor, note)) {
			throw deny(actor, AuditAction.VOID, note, NoteProblems.notFound());
		}
		if (note.isVoided()) {
			throw fail(actor, AuditAction.VOID, note.id(), note.patientIds(),
					ApiProblem.conflict("The note is already voided."));
		}
		Instant now = now();
		Sealed sealed = this.crypto.seal(noteId, "voided.reason", reason.getBytes(StandardCharsets.UTF_8));
		Query query = Query.query(Criteria.where("_id").is(note.id()).and("version").is(note.version()));
		Update update = new Update().set("status", NoteEvent.VOIDED)
			.set("voided",
					new Document("actorId", actor.id()).append("at", Date.from(now))
						.append("reason", SessionNote.bson(sealed))
						.append("statusBefore", note.status()))
			.inc("version", 1L);
		NoteVoided voided = new NoteVoided(note.id(), note.sessionId(), note.groupId(), NoteEvent.VOIDED, actor.id(),
				now);
		AuditRecord record = AuditRecord.of(actor, AuditAction.VOID, note.id(), note.patientIds(),
				AuditOutcome.SUCCESS);
		if (!write(query, update, record, voided, note.id())) {
			throw fail(actor, AuditAction.VOID, note.id(), note.patientIds(),
					ApiProblem.conflict("The note changed meanwhile: reload it."));
		}
		return new Saved(note.id(), note.version() + 1, NoteEvent.VOIDED);
	}

	// ------------------------------------------------------------------ for patterns

	/**
	 * The signed process notes of one patient in the given groups, for the patterns view
	 * (whose caller is checked and audited there).
	 * @param patientId the patient
	 * @param groupIds groups the caller facilitates
	 * @param blindIndexToken only notes whose index holds this token, or {@code null}
	 * @return decrypted process notes, oldest first
	 */
	public List<SignedProcessNote> signedProcessNotes(String patientId, Set<String> groupIds, String blindIndexToken) {
		if (!USER_ID.matcher(patientId).matches() || groupIds.isEmpty()) {
			return List.of();
		}
		Criteria criteria = Criteria.where("groupId")
			.in(groupIds)
			.and("status")
			.in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED)
			.and("members." + patientId + ".process")
			.exists(true);
		if (blindIndexToken != null) {
			criteria = criteria.and("blindIndex." + patientId).is(blindIndexToken);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.ASC, "sessionStartsAt"));
		List<SignedProcessNote> notes = new ArrayList<>();
		for (Document document : this.mongo.find(query, Document.class, SessionNote.COLLECTION)) {
			SessionNote note = SessionNote.from(document);
			notes.add(new SignedProcessNote(note.id(), note.sessionId(), note.groupId(), note.sessionStartsAt(),
					template(note), open(note.id(), processField(patientId), note.members().get(patientId).process())));
		}
		return notes;
	}

	/**
	 * A signed process note of one patient.
	 *
	 * @param noteId the note
	 * @param sessionId its session
	 * @param groupId its group
	 * @param serviceDate when the session took place
	 * @param template the template it was written with
	 * @param process the decrypted process note
	 */
	public record SignedProcessNote(String noteId, String sessionId, String groupId, Instant serviceDate,
			NoteTemplate template, JsonNode process) {

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
	public NoteViews.DocumentationReport documentationStatus(Actor actor, String programId, Instant from, Instant to) {
		if (!actor.isDirector()) {
			throw NoteProblems.forbidden();
		}
		Set<String> directed = this.sessions.programsDirectedBy(actor.id());
		if (programId != null && !directed.contains(programId)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN,
					"Only the directors of this program see its documentation status.");
		}
		List<Criteria> all = new ArrayList<>();
		all.add(Criteria.where("programId").in((programId != null) ? Set.of(programId) : directed));
		if (from != null) {
			all.add(Criteria.where("sessionEndsAt").gte(Date.from(from)));
		}
		if (to != null) {
			all.add(Criteria.where("sessionEndsAt").lt(Date.from(to)));
		}
		Query query = new Query(new Criteria().andOperator(all)).with(Sort.by(Sort.Direction.ASC, "sessionEndsAt"));
		query.fields()
			.include("_id", "sessionId", "groupId", "programId", "sessionEndsAt", "status", "signature.signedAt",
					"coSignRequired", "coSignature.signedAt");
		Instant now = now();
		List<NoteViews.DocumentationStatus> notes = new ArrayList<>();
		for (Document document : this.mongo.find(query, Document.class, SessionNote.COLLECTION)) {
			Instant endsAt = toInstant(document.getDate("sessionEndsAt"));
			Document signature = document.get("signature", Document.class);
			Instant signedAt = (signature != null) ? toInstant(signature.getDate("signedAt")) : null;
			String status = document.getString("status");
			boolean signed = signedAt != null;
			Double hoursToSign = (signed && endsAt != null) ? hours(Duration.between(endsAt, signedAt)) : null;
			boolean voided = NoteEvent.VOIDED.equals(status);
			Double hoursOpen = (!signed && !voided && endsAt != null) ? hours(Duration.between(endsAt, now)) : null;
			boolean overdue = !signed && !voided && endsAt != null
					&& Duration.between(endsAt, now).compareTo(OVERDUE) > 0;
			boolean late = signed && endsAt != null && Duration.between(endsAt, signedAt).compareTo(OVERDUE) > 0;
			notes.add(new NoteViews.DocumentationStatus(document.getString("_id"), document.getString("sessionId"),
					document.getString("groupId"), document.getString("programId"), endsAt, status, signed, signedAt,
					hoursToSign, late, overdue, Boolean.TRUE.equals(document.getBoolean("coSignRequired")),
					document.get("coSignature") != null, hoursOpen));
		}
		int signedCount = (int) notes.stream().filter(NoteViews.DocumentationStatus::signed).count();
		return new NoteViews.DocumentationReport(now, notes.size(), signedCount,
				(int) notes.stream().filter((n) -> !n.signed() && !NoteEvent.VOIDED.equals(n.status())).count(),
				(int) notes.stream().filter(NoteViews.DocumentationStatus::overdue).count(),
				(int) notes.stream().filter(NoteViews.DocumentationStatus::signedLate).count(), notes);
	}

	private static Double hours(Duration duration) {
		return Math.round(duration.toMinutes() / 6.0) / 10.0;
	}

	// ------------------------------------------------------------------ helpers

	/**
	 * The one write of a change: the caller's conditional update plus the change's audit
	 * record and event, in one single-document update.
	 */
	private boolean write(Query query, Update update, AuditRecord record, EventPayload event, String noteId) {
		Instant now = record.time();
		update.set("updatedAt", Date.from(now));
		if (this.audit.isOn()) {
			update.push(PENDING, AuditTrail.pending(record));
		}
		if (event != null) {
			update.push("outbox", outboxBson(event, now));
		}
		if (this.mongo.updateFirst(query, update, SessionNote.COLLECTION).getMatchedCount() != 1) {
			return false;
		}
		afterWrite(noteId);
		return true;
	}

	private static Document outboxBson(EventPayload event, Instant at) {
		return OutboxEntry.of(EventSources.NOTES_SERVICE, event, at).toDocument();
	}

	/**
	 * The change is stored with its audit record and event: move them on now rather than
	 * at the next scheduled run. A failure here loses nothing, the relays retry.
	 */
	private void afterWrite(String noteId) {
		if (this.audit.isOn()) {
			try {
				this.audit.flush(SessionNote.COLLECTION, noteId);
			}
			catch (RuntimeException ex) {
				log.warn("Audit records of note {} stay pending for the relay: {}", noteId,
						ex.getClass().getSimpleName());
			}
		}
		this.outbox.written(SessionNote.COLLECTION, noteId);
	}

	private SessionNote loadFor(Actor actor, AuditAction action, String noteId) {
		SessionNote note = load(noteId);
		if (note == null) {
			throw deny(actor, action, noteId, List.of(), NoteProblems.notFound());
		}
		return note;
	}

	SessionNote load(String noteId) {
		if (noteId == null) {
			return null;
		}
		Document document = this.mongo.findById(noteId, Document.class, SessionNote.COLLECTION);
		return (document != null) ? SessionNote.from(document) : null;
	}

	private SessionNote findBySession(String sessionId) {
		Document document = this.mongo.findOne(Query.query(Criteria.where("sessionId").is(sessionId)), Document.class,
				SessionNote.COLLECTION);
		return (document != null) ? SessionNote.from(document) : null;
	}

	private void requireClinician(Actor actor, AuditAction action, SessionNote note) {
		if (!actor.isClinician()) {
			throw deny(actor, action, note, NoteProblems.forbidden());
		}
	}

	private void requireWriter(Actor actor, AuditAction action, SessionNote note) {
		requireClinician(actor, action, note);
		if (!this.access.mayWrite(actor, note)) {
			throw deny(actor, action, note,
					this.access.supervises(actor, note)
							? new ApiProblem(HttpStatus.FORBIDDEN,
									"The supervisor co-signs and amends; facilitators write.")
							: NoteProblems.notFound());
		}
	}

	private ApiProblem deny(Actor actor, AuditAction action, SessionNote note, ApiProblem problem) {
		return deny(actor, action, note.id(), note.patientIds(), problem);
	}

	/** Records a refusal before it is answered, and returns it to be thrown. */
	private ApiProblem deny(Actor actor, AuditAction action, String noteId, List<String> patientIds,
			ApiProblem problem) {
		this.audit.record(AuditRecord.of(actor, action, noteId, patientIds, AuditOutcome.DENIED));
		return problem;
	}

	private ApiProblem fail(Actor actor, AuditAction action, SessionNote note, ApiProblem problem) {
		return fail(actor, action, note.id(), note.patientIds(), problem);
	}

	/** Records an allowed attempt that did not happen, and returns it to be thrown. */
	private ApiProblem fail(Actor actor, AuditAction action, String noteId, List<String> patientIds,
			ApiProblem problem) {
		this.audit.record(AuditRecord.of(actor, action, noteId, patientIds,
				problem.isDenial() ? AuditOutcome.DENIED : AuditOutcome.FAILED));
		return problem;
	}

	private NoteTemplate template(SessionNote note) {
		return this.templates.find(note.templateId(), note.templateVersion())
			.orElseThrow(() -> new IllegalStateException(
					"Template " + note.templateId() + " v" + note.templateVersion() + " is missing"));
	}

	private Sealed seal(String noteId, String field, JsonNode content) {
		if (content == null || content.isNull() || content.isMissingNode()) {
			return null;
		}
		return this.crypto.seal(noteId, field, this.json.writeValueAsBytes(content));
	}

	private JsonNode open(String noteId, String field, Sealed sealed) {
		if (sealed == null) {
			return null;
		}
		return this.json.readTree(this.crypto.open(noteId, field, sealed));
	}

	static String progressField(String patientId) {
		return "members." + patientId + ".progress";
	}

	static String processField(String patientId) {
		return "members." + patientId + ".process";
	}

	static String addendumField(String addendumId) {
		return "addenda." + addendumId + ".text";
	}

	/**
	 * SHA-256 over every content field (path and plaintext), in path order: the same
	 * content gives the same hash whatever key encrypted it.
	 */
	private String contentHash(SessionNote note) {
		Map<String, byte[]> fields = new TreeMap<>();
		if (note.group() != null) {
			fields.put("group", this.crypto.open(note.id(), "group", note.group()));
		}
		note.members().forEach((patientId, entry) -> {
			if (entry.progress() != null) {
				fields.put(progressField(patientId),
						this.crypto.open(note.id(), progressField(patientId), entry.progress()));
			}
			if (entry.process() != null) {
				fields.put(processField(patientId),
						this.crypto.open(note.id(), processField(patientId), entry.process()));
			}
		});
		List<byte[]> parts = new ArrayList<>();
		fields.forEach((path, plaintext) -> {
			parts.add(path.getBytes(StandardCharsets.UTF_8));
			parts.add(plaintext);
		});
		return sha256(parts.toArray(byte[][]::new));
	}

	private static String sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(Integer.toString(part.length).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(part);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private NoteView metadata(SessionNote note) {
		return view(note, null, null, null, null, null);
	}

	private NoteView full(SessionNote note) {
		List<MemberView> members = new ArrayList<>();
		for (RosterMember member : note.roster()) {
			MemberEntry entry = note.members().get(member.patientId());
			if (entry != null) {
				members.add(new MemberView(member.patientId(), member.attendance(),
						open(note.id(), progressField(member.patientId()), entry.progress()),
						open(note.id(), processField(member.patientId()), entry.process()), entry.updatedAt(),
						entry.updatedBy()));
			}
		}
		List<AddendumView> addenda = note.addenda().stream().map((addendum) -> addendumView(note, addendum)).toList();
		VoidView voided = (note.voided() != null) ? new VoidView(note.voided().actorId(), note.voided().at(),
				new String(this.crypto.open(note.id(), "voided.reason", note.voided().reason()),
						StandardCharsets.UTF_8),
				note.voided().statusBefore()) : null;
		String integrity = null;
		if (note.signature() != null) {
			integrity = contentHash(note).equals(note.signature().contentHash()) ? "VERIFIED" : "MISMATCH";
		}
		return view(note, open(note.id(), "group", note.group()), members, addenda, voided, integrity);
	}

	private AddendumView addendumView(SessionNote note, Addendum addendum) {
		return new AddendumView(addendum.addendumId(), addendum.authorId(), addendum.patientId(), addendum.part(),
				addendum.serviceDate(), addendum.writtenAt(),
				new String(this.crypto.open(note.id(), addendumField(addendum.addendumId()), addendum.text()),
						StandardCharsets.UTF_8),
				addendum.contentHash());
	}

	private static NoteView view(SessionNote note, JsonNode group, List<MemberView> members, List<AddendumView> addenda,
			VoidView voided, String integrity) {
		return new NoteView(note.id(), note.sessionId(), note.groupId(), note.programId(), note.modality(),
				new TemplateRef(note.templateId(), note.templateVersion()), note.sessionStartsAt(),
				note.sessionEndsAt(), note.status(), note.coSignRequired(), note.version(),
				note.roster().stream().map((m) -> new RosterView(m.patientId(), m.attendance())).toList(), group,
				members, signature(note.signature()), signature(note.coSignature()), addenda, voided, integrity);
	}

	private static SignatureView signature(SessionNote.Signature signature) {
		return (signature != null)
				? new SignatureView(signature.signerId(), signature.signedAt(), signature.contentHash()) : null;
	}

	private static List<Document> rosterBson(List<RosterMember> roster) {
		return roster.stream()
			.map((member) -> new Document("patientId", member.patientId()).append("attendance", member.attendance()))
			.toList();
	}

	private static Instant toInstant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private void ensureIndexes() {
		if (!this.indexed) {
			this.mongo.indexOps(SessionNote.COLLECTION)
				.createIndex(new Index("sessionId", Sort.Direction.ASC).unique().named("one_note_per_session"));
			this.mongo.indexOps(SessionNote.COLLECTION).createIndex(new Index("roster.patientId", Sort.Direction.ASC));
			this.mongo.indexOps(SessionNote.COLLECTION)
				.createIndex(new Index("programId", Sort.Direction.ASC).on("sessionEndsAt", Sort.Direction.ASC));
			this.indexed = true;
		}
	}

}
