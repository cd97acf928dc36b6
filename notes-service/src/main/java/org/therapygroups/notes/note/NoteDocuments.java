package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.notes.note.NoteStore.Creation;
import org.therapygroups.notes.note.NoteStore.Signing;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.PartStamp;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.notes.note.SessionNote.Signature;
import org.therapygroups.notes.note.SessionNote.Voiding;
import org.therapygroups.platform.outbox.OutboxEntry;

/**
 * The BSON form of a note, for {@link NoteStore} alone: field names and shapes live here
 * so that the lifecycle above speaks only of {@link SessionNote}.
 */
final class NoteDocuments {

	/**
	 * The group part's own version; a member's is {@code members.<patientId>.version}.
	 */
	static final String GROUP_VERSION = "groupVersion";

	static final String GROUP_UPDATED_AT = "groupUpdatedAt";

	static final String GROUP_UPDATED_BY = "groupUpdatedBy";

	/**
	 * Every field {@link #toNote} reads except the content of the group part and of the
	 * members' entries: with one member's field added, what reading that member's entry
	 * needs. A field {@code toNote} learns to read belongs here too.
	 */
	static final List<String> WITHOUT_CONTENT = List.of("_id", "sessionId", "groupId", "programId", "modality",
			"template", "sessionStartsAt", "sessionEndsAt", "facilitatorIds", "supervisorId", "roster", "status",
			"coSignRequired", "version", GROUP_VERSION, GROUP_UPDATED_AT, GROUP_UPDATED_BY, "signature", "coSignature",
			"addenda", "voided", "createdAt", "createdBy");

	private NoteDocuments() {
	}

	/** The field holding a member's entry. */
	static String member(String patientId) {
		return "members." + patientId;
	}

	/** A part never saved has no version field: it is at version 0. */
	private static long partVersion(Document document, String field) {
		Number version = document.get(field, Number.class);
		return (version != null) ? version.longValue() : 0;
	}

	static SessionNote toNote(Document document) {
		Document template = document.get("template", Document.class);
		List<RosterMember> roster = new ArrayList<>();
		for (Document member : document.getList("roster", Document.class, List.of())) {
			roster.add(new RosterMember(member.getString("patientId"), member.getString("attendance")));
		}
		Map<String, MemberEntry> members = new LinkedHashMap<>();
		Document storedMembers = document.get("members", Document.class);
		if (storedMembers != null) {
			for (String patientId : storedMembers.keySet()) {
				Document entry = storedMembers.get(patientId, Document.class);
				members.put(patientId,
						new MemberEntry(sealedFrom(entry.get("progress")), sealedFrom(entry.get("process")),
								new PartStamp(partVersion(entry, "version"), instant(entry, "updatedAt"),
										entry.getString("updatedBy"))));
			}
		}
		List<Addendum> addenda = new ArrayList<>();
		for (Document addendum : document.getList("addenda", Document.class, List.of())) {
			addenda.add(new Addendum(addendum.getString("addendumId"), addendum.getString("authorId"),
					addendum.getString("patientId"), addendum.getString("part"), instant(addendum, "serviceDate"),
					instant(addendum, "writtenAt"), sealedFrom(addendum.get("text")),
					addendum.getString("contentHash")));
		}
		Document voided = document.get("voided", Document.class);
		return new SessionNote(document.getString("_id"), document.getString("sessionId"),
				document.getString("groupId"), document.getString("programId"), document.getString("modality"),
				template.getString("id"), template.getInteger("version"), instant(document, "sessionStartsAt"),
				instant(document, "sessionEndsAt"), document.getList("facilitatorIds", String.class, List.of()),
				document.getString("supervisorId"), roster, document.getString("status"),
				Boolean.TRUE.equals(document.getBoolean("coSignRequired")),
				document.get("version", Number.class).longValue(), sealedFrom(document.get("group")),
				new PartStamp(partVersion(document, GROUP_VERSION), instant(document, GROUP_UPDATED_AT),
						document.getString(GROUP_UPDATED_BY)),
				members, signatureFrom(document.get("signature", Document.class)),
				signatureFrom(document.get("coSignature", Document.class)), addenda,
				(voided != null) ? new Voiding(voided.getString("actorId"), instant(voided, "at"),
						sealedFrom(voided.get("reason")), voided.getString("statusBefore")) : null,
				instant(document, "createdAt"), document.getString("createdBy"));
	}

	/** A new draft holds no content yet: no group part, signature or void fields. */
	static Document draft(Creation creation) {
		NewDraft draft = creation.draft();
		return new Document("_id", creation.noteId()).append("sessionId", draft.sessionId())
			.append("groupId", draft.groupId())
			.append("programId", draft.programId())
			.append("modality", draft.modality())
			.append("template",
					new Document("id", creation.template().id()).append("version", creation.template().version()))
			.append("sessionStartsAt", date(draft.startsAt()))
			.append("sessionEndsAt", date(draft.endsAt()))
			.append("facilitatorIds", draft.facilitatorIds())
			.append("supervisorId", draft.supervisorId())
			.append("roster", roster(draft.roster()))
			.append("rosterFrom", draft.origin())
			.append("status", NoteEvent.DRAFT)
			.append("coSignRequired", false)
			.append("version", 1L)
			.append("members", new Document())
			.append("addenda", List.of())
			.append("origin", draft.origin())
			.append("createdAt", Date.from(creation.createdAt()))
			.append("createdBy", creation.createdBy())
			.append("updatedAt", Date.from(creation.createdAt()));
	}

	static List<Document> roster(List<RosterMember> roster) {
		return roster.stream()
			.map((member) -> new Document("patientId", member.patientId()).append("attendance", member.attendance()))
			.toList();
	}

	static Document signature(Signature signature) {
		return new Document("signerId", signature.signerId()).append("signedAt", Date.from(signature.signedAt()))
			.append("contentHash", signature.contentHash());
	}

	/** Keyed by patient id, so that a tag search asks for one member's tokens only. */
	static Document blindIndex(Signing signing) {
		Document index = new Document();
		signing.blindIndex().forEach(index::append);
		return index;
	}

	static Document addendum(Addendum addendum) {
		return new Document("addendumId", addendum.addendumId()).append("authorId", addendum.authorId())
			.append("patientId", addendum.patientId())
			.append("part", addendum.part())
			.append("serviceDate", date(addendum.serviceDate()))
			.append("writtenAt", Date.from(addendum.writtenAt()))
			.append("text", sealed(addendum.text()))
			.append("contentHash", addendum.contentHash());
	}

	static Document voiding(Voiding voiding) {
		return new Document("actorId", voiding.actorId()).append("at", Date.from(voiding.at()))
			.append("reason", sealed(voiding.reason()))
			.append("statusBefore", voiding.statusBefore());
	}

	static Document outbox(EventPayload event, Instant at) {
		return OutboxEntry.of(EventSources.NOTES_SERVICE, event, at).toDocument();
	}

	static Document sealed(Sealed sealed) {
		return (sealed != null) ? new Document("kid", sealed.kid()).append("ct", new Binary(sealed.ct())) : null;
	}

	static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	private static Sealed sealedFrom(Object stored) {
		if (!(stored instanceof Document document)) {
			return null;
		}
		Object ct = document.get("ct");
		byte[] bytes = (ct instanceof Binary binary) ? binary.getData() : (byte[]) ct;
		return new Sealed(document.getInteger("kid"), bytes);
	}

	private static Signature signatureFrom(Document signature) {
		return (signature != null) ? new Signature(signature.getString("signerId"), instant(signature, "signedAt"),
				signature.getString("contentHash")) : null;
	}

}
