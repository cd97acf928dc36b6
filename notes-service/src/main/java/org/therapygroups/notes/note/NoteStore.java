package org.therapygroups.notes.note;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.notes.audit.AuditRecord;
import org.therapygroups.notes.audit.AuditTrail;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.Signature;
import org.therapygroups.notes.note.SessionNote.Voiding;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.notes.template.NoteTemplate;

/**
 * The {@code notes} collection. Every change is ONE conditional single-document update
 * that also pushes the change's audit record ({@code pendingAudit}) and its event
 * ({@code outbox}): the change and what reports it are stored together or not at all. The
 * filter carries the expected status and version (the note's, or for an autosave the
 * saved part's own), so a stale save or an edit of a signed note matches nothing and
 * changes nothing; callers learn that from a {@code false} or {@code null}.
 */
@Component
class NoteStore {

	static final String COLLECTION = "notes";

	private static final Logger log = LoggerFactory.getLogger(NoteStore.class);

	private static final String PENDING = AuditTrail.PENDING;

	private final MongoTemplate mongo;

	private final AuditTrail audit;

	private final OutboxRelay outbox;

	private volatile boolean indexed;

	private final Clock clock;

	NoteStore(MongoTemplate mongo, AuditTrail audit, OutboxRelay outbox, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Times are kept to the millisecond, as BSON dates are: what is answered is what is
	 * stored.
	 */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A new draft and what reports it.
	 *
	 * @param noteId the new note's id
	 * @param draft the session it documents
	 * @param template the template it is written with
	 * @param createdBy who opened it
	 * @param createdAt when
	 */
	record Creation(String noteId, NewDraft draft, NoteTemplate template, String createdBy, Instant createdAt) {

	}

	/**
	 * What a signature locks in.
	 *
	 * @param signature signer, time and content hash
	 * @param coSignRequired whether the supervisor must co-sign
	 * @param supervisorId the supervisor the note is bound to from now on
	 * @param blindIndex keyed hashes of each member's pattern values
	 */
	record Signing(Signature signature, boolean coSignRequired, String supervisorId,
			Map<String, List<String>> blindIndex) {

	}

	/** The draft's part an autosave changes. */
	sealed interface DraftPart permits GroupPart, MemberPart {

	}

	/**
	 * @param group its new content, or {@code null} to leave it as stored
	 */
	record GroupPart(NewContent group) implements DraftPart {

	}

	/**
	 * @param progress the progress entry's new content, or {@code null} to leave it
	 * @param process the process note's new content, or {@code null} to leave it
	 */
	record MemberPart(String patientId, NewContent progress, NewContent process) implements DraftPart {

	}

	/**
	 * What a content field holds after a save.
	 *
	 * @param sealed the sealed content, or {@code null} when nothing is left of it
	 */
	record NewContent(Sealed sealed) {

	}

	/** One note's documentation status, without content. */
	record Documented(String noteId, String sessionId, String groupId, String programId, Instant sessionEndsAt,
			String status, Instant signedAt, boolean coSignRequired, boolean coSigned) {

	}

	// ------------------------------------------------------------------ reads

	SessionNote load(String noteId) {
		if (noteId == null) {
			return null;
		}
		return first(Query.query(Criteria.where("_id").is(noteId)));
	}

	/**
	 * The note with one member's entry and no other content: the other members' sealed
	 * entries and the group part are neither read nor decoded.
	 * @param noteId the note
	 * @param patientId the member, a plain id
	 * @return the note, or {@code null}
	 */
	SessionNote loadMember(String noteId, String patientId) {
		if (noteId == null || patientId == null || !NoteContent.isPlainId(patientId)) {
			return load(noteId);
		}
		Query byId = Query.query(Criteria.where("_id").is(noteId));
		NoteDocuments.WITHOUT_CONTENT.forEach(byId.fields()::include);
		byId.fields().include(NoteDocuments.member(patientId));
		return first(byId);
	}

	SessionNote findBySession(String sessionId) {
		return first(Query.query(Criteria.where("sessionId").is(sessionId)));
	}

	private SessionNote first(Query query) {
		Document document = this.mongo.findOne(query, Document.class, COLLECTION);
		return (document != null) ? NoteDocuments.toNote(document) : null;
	}

	/** Signed notes holding a progress entry of the patient, newest first. */
	List<SessionNote> signedWithProgressOf(String patientId) {
		Query query = Query
			.query(Criteria.where("roster.patientId")
				.is(patientId)
				.and("status")
				.in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED)
				.and(NoteContent.progressField(patientId))
				.exists(true))
			.with(Sort.by(Sort.Direction.DESC, "sessionStartsAt"));
		return notes(query);
	}

	/**
	 * Signed notes of the groups holding a process note of the patient, oldest first;
	 * with a token, only those whose blind index holds it.
	 */
	List<SessionNote> signedWithProcessOf(String patientId, Set<String> groupIds, String blindIndexToken) {
		Criteria criteria = Criteria.where("groupId")
			.in(groupIds)
			.and("status")
			.in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED)
			.and(NoteContent.processField(patientId))
			.exists(true);
		if (blindIndexToken != null) {
			criteria = criteria.and("blindIndex." + patientId).is(blindIndexToken);
		}
		return notes(Query.query(criteria).with(Sort.by(Sort.Direction.ASC, "sessionStartsAt")));
	}

	/**
	 * The documentation status of the programs' sessions ending in the window, earliest
	 * first; only metadata fields are read.
	 */
	List<Documented> documentation(Set<String> programIds, Instant from, Instant to) {
		List<Criteria> all = new ArrayList<>();
		all.add(Criteria.where("programId").in(programIds));
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
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(NoteStore::documented).toList();
	}

	private static Documented documented(Document document) {
		Document signature = document.get("signature", Document.class);
		return new Documented(document.getString("_id"), document.getString("sessionId"), document.getString("groupId"),
				document.getString("programId"), NoteDocuments.instant(document, "sessionEndsAt"),
				document.getString("status"), (signature != null) ? NoteDocuments.instant(signature, "signedAt") : null,
				Boolean.TRUE.equals(document.getBoolean("coSignRequired")), document.get("coSignature") != null);
	}

	private List<SessionNote> notes(Query query) {
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(NoteDocuments::toNote).toList();
	}

	// ------------------------------------------------------------------ changes

	/**
	 * Inserts a draft with its audit record and its event.
	 * @return {@code false} if the session has a note already
	 */
	boolean insertDraft(Creation creation, AuditRecord record, EventPayload event) {
		Document note = NoteDocuments.draft(creation);
		note.append(PENDING, this.audit.isOn() ? List.of(AuditTrail.pending(record)) : List.of());
		note.append("outbox", List.of(NoteDocuments.outbox(event, creation.createdAt())));
		try {
			this.mongo.insert(note, COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// the same session, opened at the same time by the event and by hand
			return false;
		}
		afterWrite(creation.noteId(), record, true);
		return true;
	}

	/**
	 * A draft opened by hand learns the real attendance from the completed session. A
	 * redelivery writes the same values again, so this is nobody's change: neither
	 * audited nor announced.
	 */
	void refreshRoster(String noteId, NewDraft completed) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(noteId).and("status").is(NoteEvent.DRAFT)),
				new Update().set("roster", NoteDocuments.roster(completed.roster()))
					.set("sessionStartsAt", Date.from(completed.startsAt()))
					.set("sessionEndsAt", Date.from(completed.endsAt()))
					.set("rosterFrom", completed.origin()),
				COLLECTION);
	}

	/**
	 * Saves one part of a draft, if it is still a draft and the part is still at the
	 * version the caller edited (a part never saved is at version 0): the part's version
	 * and the note's go up by one. Other parts are not looked at, so saves of different
	 * parts never conflict.
	 * @param noteId the note
	 * @param partVersion the part's version the caller edited
	 * @param part what changes
	 * @param savedAt when, as the part's stamp
	 * @param savedBy who, as the part's stamp
	 * @param record the save's audit record
	 * @return the note's new version, or {@code null} if nothing matched
	 */
	Long saveDraft(String noteId, long partVersion, DraftPart part, Instant savedAt, String savedBy,
			AuditRecord record) {
		Update update = new Update();
		String versionField;
		switch (part) {
			case GroupPart(NewContent group) -> {
				change(update, NoteContent.GROUP, group);
				versionField = NoteDocuments.GROUP_VERSION;
				update.set(NoteDocuments.GROUP_UPDATED_AT, Date.from(savedAt))
					.set(NoteDocuments.GROUP_UPDATED_BY, savedBy);
			}
			case MemberPart(String patientId, NewContent progress, NewContent process) -> {
				change(update, NoteContent.progressField(patientId), progress);
				change(update, NoteContent.processField(patientId), process);
				String stamp = NoteDocuments.member(patientId);
				versionField = stamp + ".version";
				update.set(stamp + ".updatedAt", Date.from(savedAt)).set(stamp + ".updatedBy", savedBy);
			}
		}
		update.inc(versionField, 1L).inc("version", 1L);
		Criteria draft = Criteria.where("_id").is(noteId).and("status").is(NoteEvent.DRAFT);
		// a part never saved has no version field yet
		Criteria atVersion = (partVersion == 0) ? draft.and(versionField).in(0L, null)
				: draft.and(versionField).is(partVersion);
		Query query = Query.query(atVersion);
		query.fields().include("version");
		Document written = writeAndRead(query, update, record);
		return (written != null) ? written.get("version", Number.class).longValue() : null;
	}

	private static void change(Update update, String field, NewContent content) {
		if (content == null) {
			return;
		}
		if (content.sealed() == null) {
			update.unset(field);
		}
		else {
			update.set(field, NoteDocuments.sealed(content.sealed()));
		}
	}

	boolean sign(SessionNote note, Signing signing, AuditRecord record, EventPayload event) {
		Update update = new Update().set("status", NoteEvent.SIGNED)
			.set("signature", NoteDocuments.signature(signing.signature()))
			.set("coSignRequired", signing.coSignRequired())
			.set("supervisorId", signing.supervisorId())
			.set("blindIndex", NoteDocuments.blindIndex(signing))
			.inc("version", 1L);
		return write(draftAt(note.id(), note.version()), update, record, event);
	}

	boolean coSign(SessionNote note, Signature coSignature, AuditRecord record, EventPayload event) {
		Query query = Query.query(Criteria.where("_id")
			.is(note.id())
			.and("status")
			.is(NoteEvent.SIGNED)
			.and("version")
			.is(note.version()));
		Update update = new Update().set("status", NoteEvent.CO_SIGNED)
			.set("coSignature", NoteDocuments.signature(coSignature))
			.inc("version", 1L);
		return write(query, update, record, event);
	}

	/** Addenda follow any change of a signed note: only a void stops them. */
	boolean addAddendum(String noteId, Addendum addendum, AuditRecord record, EventPayload event) {
		Query query = Query
			.query(Criteria.where("_id").is(noteId).and("status").in(NoteEvent.SIGNED, NoteEvent.CO_SIGNED));
		Update update = new Update().push("addenda", NoteDocuments.addendum(addendum)).inc("version", 1L);
		return write(query, update, record, event);
	}

	boolean voidNote(SessionNote note, Voiding voiding, AuditRecord record, EventPayload event) {
		Query query = Query.query(Criteria.where("_id").is(note.id()).and("version").is(note.version()));
		Update update = new Update().set("status", NoteEvent.VOIDED)
			.set("voided", NoteDocuments.voiding(voiding))
			.inc("version", 1L);
		return write(query, update, record, event);
	}

	/** The draft as the caller read it: signing names the note's version. */
	private static Query draftAt(String noteId, long version) {
		return Query
			.query(Criteria.where("_id").is(noteId).and("status").is(NoteEvent.DRAFT).and("version").is(version));
	}

	/** The one write of a change: the update, its audit record and its event, at once. */
	private boolean write(Query query, Update update, AuditRecord record, EventPayload event) {
		if (this.mongo.updateFirst(query, reported(update, record, event), COLLECTION).getMatchedCount() != 1) {
			return false;
		}
		afterWrite(record.noteId(), record, event != null);
		return true;
	}

	/**
	 * The same one write, answering the fields the query names as they are after it.
	 * @return the written note's fields, or {@code null} if nothing matched
	 */
	private Document writeAndRead(Query query, Update update, AuditRecord record) {
		Document written = this.mongo.findAndModify(query, reported(update, record, null),
				FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
		if (written != null) {
			afterWrite(record.noteId(), record, false);
		}
		return written;
	}

	private Update reported(Update update, AuditRecord record, EventPayload event) {
		Instant now = record.time();
		update.set("updatedAt", Date.from(now));
		if (this.audit.isOn()) {
			update.push(PENDING, AuditTrail.pending(record));
		}
		if (event != null) {
			update.push("outbox", NoteDocuments.outbox(event, now));
		}
		return update;
	}

	/**
	 * The change is stored with its audit record and event: move them on now rather than
	 * at the next scheduled run. A failure here loses nothing, the relays retry.
	 */
	private void afterWrite(String noteId, AuditRecord record, boolean announced) {
		if (this.audit.isOn()) {
			try {
				this.audit.flush(COLLECTION, noteId, record);
			}
			catch (RuntimeException ex) {
				log.warn("Audit records of note {} stay pending for the relay: {}", noteId,
						ex.getClass().getSimpleName());
			}
		}
		if (announced) {
			this.outbox.written(COLLECTION, noteId);
		}
	}

	void ensureIndexes() {
		if (!this.indexed) {
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index("sessionId", Sort.Direction.ASC).unique().named("one_note_per_session"));
			this.mongo.indexOps(COLLECTION).createIndex(new Index("roster.patientId", Sort.Direction.ASC));
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index("programId", Sort.Direction.ASC).on("sessionEndsAt", Sort.Direction.ASC));
			this.indexed = true;
		}
	}

}
