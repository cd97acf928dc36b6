package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.types.Binary;

import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.notes.crypto.Sealed;

/**
 * A session note as stored in {@code notes}: metadata in clear, every content field
 * {@link Sealed sealed}. One document per note holds the group part, one entry per
 * attending member, its addenda and its void, so that every change, its audit record and
 * its event are one atomic single-document update.
 */
record SessionNote(String id, String sessionId, String groupId, String programId, String modality, String templateId,
		int templateVersion, Instant sessionStartsAt, Instant sessionEndsAt, List<String> facilitatorIds,
		String supervisorId, List<RosterMember> roster, String status, boolean coSignRequired, long version,
		Sealed group, Map<String, MemberEntry> members, Signature signature, Signature coSignature,
		List<Addendum> addenda, Voiding voided, Instant createdAt, String createdBy) {

	static final String COLLECTION = "notes";

	/** Attendance statuses of members who were there (or may have been). */
	static final Set<String> ATTENDING = Set.of("PRESENT", "LATE", "LEFT_EARLY", "NOT_RECORDED", "UNKNOWN");

	record RosterMember(String patientId, String attendance) {

		boolean attended() {
			return ATTENDING.contains(this.attendance);
		}

	}

	/**
	 * One member's entry.
	 *
	 * @param progress the progress entry (regular record)
	 * @param process the process note (psychotherapy / SUD counselling note)
	 */
	record MemberEntry(Sealed progress, Sealed process, Instant updatedAt, String updatedBy) {

	}

	record Signature(String signerId, Instant signedAt, String contentHash) {

	}

	/**
	 * A signed addendum linked to the note. It never changes the original.
	 *
	 * @param part which part it amends: {@code GROUP}, {@code PROGRESS} or
	 * {@code PROCESS}
	 * @param serviceDate when the documented session took place
	 * @param writtenAt when the addendum was written (and signed)
	 */
	record Addendum(String addendumId, String authorId, String patientId, String part, Instant serviceDate,
			Instant writtenAt, Sealed text, String contentHash) {

	}

	record Voiding(String actorId, Instant at, Sealed reason, String statusBefore) {

	}

	boolean isDraft() {
		return NoteEvent.DRAFT.equals(this.status);
	}

	boolean isSigned() {
		return NoteEvent.SIGNED.equals(this.status) || NoteEvent.CO_SIGNED.equals(this.status);
	}

	boolean isVoided() {
		return NoteEvent.VOIDED.equals(this.status);
	}

	RosterMember rosterMember(String patientId) {
		return this.roster.stream().filter((member) -> member.patientId().equals(patientId)).findFirst().orElse(null);
	}

	List<String> patientIds() {
		return this.roster.stream().map(RosterMember::patientId).toList();
	}

	// ---- BSON

	static SessionNote from(Document document) {
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
				members.put(patientId, new MemberEntry(sealed(entry.get("progress")), sealed(entry.get("process")),
						instant(entry, "updatedAt"), entry.getString("updatedBy")));
			}
		}
		List<Addendum> addenda = new ArrayList<>();
		for (Document addendum : document.getList("addenda", Document.class, List.of())) {
			addenda.add(new Addendum(addendum.getString("addendumId"), addendum.getString("authorId"),
					addendum.getString("patientId"), addendum.getString("part"), instant(addendum, "serviceDate"),
					instant(addendum, "writtenAt"), sealed(addendum.get("text")), addendum.getString("contentHash")));
		}
		Document voided = document.get("voided", Document.class);
		return new SessionNote(document.getString("_id"), document.getString("sessionId"),
				document.getString("groupId"), document.getString("programId"), document.getString("modality"),
				template.getString("id"), template.getInteger("version"), instant(document, "sessionStartsAt"),
				instant(document, "sessionEndsAt"), document.getList("facilitatorIds", String.class, List.of()),
				document.getString("supervisorId"), roster, document.getString("status"),
				Boolean.TRUE.equals(document.getBoolean("coSignRequired")),
				document.get("version", Number.class).longValue(), sealed(document.get("group")), members,
				signature(document.get("signature", Document.class)),
				signature(document.get("coSignature", Document.class)), addenda,
				(voided != null) ? new Voiding(voided.getString("actorId"), instant(voided, "at"),
						sealed(voided.get("reason")), voided.getString("statusBefore")) : null,
				instant(document, "createdAt"), document.getString("createdBy"));
	}

	private static Signature signature(Document signature) {
		return (signature != null) ? new Signature(signature.getString("signerId"), instant(signature, "signedAt"),
				signature.getString("contentHash")) : null;
	}

	static Sealed sealed(Object stored) {
		if (!(stored instanceof Document document)) {
			return null;
		}
		Object ct = document.get("ct");
		byte[] bytes = (ct instanceof Binary binary) ? binary.getData() : (byte[]) ct;
		return new Sealed(document.getInteger("kid"), bytes);
	}

	static Document bson(Sealed sealed) {
		return (sealed != null) ? new Document("kid", sealed.kid()).append("ct", new Binary(sealed.ct())) : null;
	}

	static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

}
