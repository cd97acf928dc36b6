package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import org.therapygroups.notes.template.TemplateSchemas;

/**
 * What the notes API answers. Content appears only in views for those allowed to read it.
 */
public final class NoteViews {

	private NoteViews() {
	}

	/** Without content: for finding a note, and for answering whoever opened it. */
	static NoteView metadata(SessionNote note) {
		return of(note, Disclosed.NOTHING);
	}

	static NoteView of(SessionNote note, Disclosed disclosed) {
		return new NoteView(note.id(), note.sessionId(), note.groupId(), note.programId(), note.modality(),
				new TemplateRef(note.templateId(), note.templateVersion()), note.sessionStartsAt(),
				note.sessionEndsAt(), note.status(), note.coSignRequired(), note.version(), note.groupStamp().version(),
				note.roster().stream().map((m) -> new RosterView(m.patientId(), m.attendance())).toList(),
				disclosed.group(), disclosed.members(), signature(note.signature()), signature(note.coSignature()),
				disclosed.addenda(), disclosed.voided(), disclosed.integrity());
	}

	private static SignatureView signature(SessionNote.Signature signature) {
		return (signature != null)
				? new SignatureView(signature.signerId(), signature.signedAt(), signature.contentHash()) : null;
	}

	/**
	 * What a note shows beyond its metadata to somebody allowed to read its content.
	 *
	 * @param integrity {@code VERIFIED} or {@code MISMATCH} once signed
	 */
	record Disclosed(JsonNode group, List<MemberView> members, List<AddendumView> addenda, VoidView voided,
			String integrity) {

		static final Disclosed NOTHING = new Disclosed(null, null, null, null, null);

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record NoteView(String noteId, String sessionId, String groupId, String programId, String modality,
			TemplateRef template, Instant serviceDate, Instant sessionEndsAt, String status, boolean coSignRequired,
			@Schema(description = "The note's version: one more with every change of any part. Signing names it; "
					+ "an autosave names its part's own version instead.") long version,
			@Schema(description = "The group part's own version, 0 while it was never saved: "
					+ "PUT /api/notes/{noteId}/group names it.") long groupVersion,
			List<RosterView> roster, @Schema(ref = TemplateSchemas.GROUP) JsonNode group, List<MemberView> members,
			SignatureView signature, SignatureView coSignature, List<AddendumView> addenda, VoidView voided,
			String integrity) {

	}

	public record TemplateRef(String id, int version) {

	}

	public record RosterView(String patientId, String attendance) {

	}

	/**
	 * One member's entry. For the group's clinicians with its own {@code version}; every
	 * attending member of a draft is listed, with version 0 until their entry is first
	 * saved.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MemberView(String patientId, String attendance,
			@Schema(description = "This member's entry's own version, 0 while it was never saved: "
					+ "PUT /api/notes/{noteId}/members/{patientId} names it. Not shown to the patient.") Long version,
			@Schema(ref = TemplateSchemas.PROGRESS) JsonNode progress,
			@Schema(ref = TemplateSchemas.PROCESS) JsonNode process, Instant updatedAt, String updatedBy) {

		/** An attending member whose entry was never saved. */
		static MemberView unsaved(String patientId, String attendance) {
			return new MemberView(patientId, attendance, 0L, null, null, null, null);
		}

	}

	public record SignatureView(String signerId, Instant signedAt, String contentHash) {

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record AddendumView(String addendumId, String authorId, String patientId, String part, Instant serviceDate,
			Instant writtenAt, String text, String contentHash) {

	}

	public record VoidView(String actorId, Instant at, String reason, String statusBefore) {

	}

	/**
	 * The answer to a change of a note: its new version (also the answer's ETag), and
	 * after an autosave the saved part's new version, which that part's next save names.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Saved(String noteId,
			@Schema(description = "The note's new version, which signing names") long version,
			@Schema(description = "After an autosave: the saved part's new version (the group part's or "
					+ "the member's entry's), which the next save of that part names") Long partVersion,
			String status) {

		/** A change of the whole note (sign, co-sign, void): no part version. */
		static Saved note(String noteId, long version, String status) {
			return new Saved(noteId, version, null, status);
		}

	}

	/** A patient's own signed progress entry. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record OwnEntry(String noteId, String sessionId, String groupId, Instant serviceDate, String status,
			@Schema(ref = TemplateSchemas.PROGRESS) JsonNode progress, List<AddendumView> addenda) {

	}

	/** A director's view of one session's documentation: no content. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record DocumentationStatus(String noteId, String sessionId, String groupId, String programId,
			Instant sessionEndsAt, String status, boolean signed, Instant signedAt, Double hoursToSign,
			boolean signedLate, boolean overdue, boolean coSignRequired, boolean coSigned, Double hoursOpen) {

	}

	public record DocumentationReport(Instant asOf, int sessions, int signed, int unsigned, int overdue, int signedLate,
			List<DocumentationStatus> notes) {

	}

}
