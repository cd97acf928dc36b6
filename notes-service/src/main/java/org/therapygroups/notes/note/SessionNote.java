package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.notes.crypto.Sealed;

/**
 * A session note: metadata in clear, every content field {@link Sealed sealed}. One
 * document per note holds the group part, one entry per attending member, its addenda and
 * its void, so that every change, its audit record and its event are one atomic
 * single-document update ({@link NoteStore}).
 */
record SessionNote(String id, String sessionId, String groupId, String programId, String modality, String templateId,
		int templateVersion, Instant sessionStartsAt, Instant sessionEndsAt, List<String> facilitatorIds,
		String supervisorId, List<RosterMember> roster, String status, boolean coSignRequired, long version,
		Sealed group, PartStamp groupStamp, Map<String, MemberEntry> members, Signature signature,
		Signature coSignature, List<Addendum> addenda, Voiding voided, Instant createdAt, String createdBy) {

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
	 * @param stamp its own version and last save
	 */
	record MemberEntry(Sealed progress, Sealed process, PartStamp stamp) {

	}

	/**
	 * A part's own version (the group part, or one member's entry) and who saved it last.
	 * Saves of different parts never conflict: each names only its part's version.
	 *
	 * @param version 0 while the part was never saved, then one more with every save
	 * @param updatedAt the last save, or {@code null}
	 * @param updatedBy who saved last, or {@code null}
	 */
	record PartStamp(long version, Instant updatedAt, String updatedBy) {

		static final PartStamp NEVER_SAVED = new PartStamp(0, null, null);

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

	/** A member's entry's stamp; {@link PartStamp#NEVER_SAVED} while it has none. */
	PartStamp memberStamp(String patientId) {
		MemberEntry entry = this.members.get(patientId);
		return (entry != null) ? entry.stamp() : PartStamp.NEVER_SAVED;
	}

	List<String> patientIds() {
		return this.roster.stream().map(RosterMember::patientId).toList();
	}

}
