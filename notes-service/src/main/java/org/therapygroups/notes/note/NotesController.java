package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.note.NoteViews.AddendumView;
import org.therapygroups.notes.note.NoteViews.DocumentationReport;
import org.therapygroups.notes.note.NoteViews.MemberView;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.OwnEntry;
import org.therapygroups.notes.note.NoteViews.Saved;
import org.therapygroups.notes.template.TemplateSchemas;
import org.therapygroups.platform.openapi.ApiDocument;

/**
 * Session notes. Every access rule is decided (and audited) beneath, in
 * {@link NoteAccess} and {@link NoteGuard}: the token only says who is asking.
 */
@RestController
@RequestMapping("/api/notes")
class NotesController {

	/** The members a save's 409 adds to the problem, described where the problem is. */
	private static final String SAVE_CONFLICT = "Someone saved the same part meanwhile; nothing was changed. The "
			+ "problem adds `current`, the part as stored now (`{version, progress, process, updatedAt, updatedBy}` "
			+ "for a member's entry, `{version, group, updatedAt, updatedBy}` for the group part; an empty part is "
			+ "null), `yours`, the body as submitted, and `conflictingFields`, the fields of the submitted patch "
			+ "whose value differs from `current` (`progress.response`, `group.topic`, or the whole part when it "
			+ "was set to null); save again naming `current.version`. If the note is signed, co-signed or voided "
			+ "instead, the problem has none of these: add an addendum.";

	private final NoteDrafts drafts;

	private final NoteReading reading;

	private final NoteSigning signing;

	private final NoteAmendments amendments;

	private final DocumentationReporting reporting;

	NotesController(NoteDrafts drafts, NoteReading reading, NoteSigning signing, NoteAmendments amendments,
			DocumentationReporting reporting) {
		this.drafts = drafts;
		this.reading = reading;
		this.signing = signing;
		this.amendments = amendments;
		this.reporting = reporting;
	}

	record OpenRequest(@NotBlank String sessionId) {

	}

	record GroupSave(
			@NotNull @Schema(description = "The group part's version the caller edited (groupVersion of the "
					+ "note as read, or partVersion of the last save's answer); 0 if it was never saved") Long version,
			@Schema(ref = TemplateSchemas.GROUP,
					description = "A JSON Merge Patch (RFC 7396) of the stored group part: fields present replace, "
							+ "null removes a field, absent fields stay; left out, nothing changes") JsonNode group) {

	}

	record MemberSave(
			@NotNull @Schema(description = "This member's entry's version the caller edited (the member's version "
					+ "as read, or partVersion of the last save's answer); 0 if it was never saved") Long version,
			@Schema(ref = TemplateSchemas.PROGRESS,
					description = "A JSON Merge Patch (RFC 7396) of the stored progress entry; left out, it stays "
							+ "as stored, null removes it") JsonNode progress,
			@Schema(ref = TemplateSchemas.PROCESS,
					description = "A JSON Merge Patch (RFC 7396) of the stored process note; left out, it stays "
							+ "as stored, null removes it") JsonNode process) {

	}

	record SignRequest(@NotNull Long version) {

	}

	record AddendumRequest(@NotBlank @Size(max = 8000) String text, String patientId, String part) {

	}

	record VoidRequest(@NotBlank @Size(max = 2000) String reason) {

	}

	/** A facilitator opens the draft of a session by hand. */
	@PostMapping
	@Operation(operationId = "openNote", summary = "Open the draft note of a session by hand (facilitator)",
			responses = { @ApiResponse(responseCode = "201", description = "The draft was opened now"),
					@ApiResponse(responseCode = "200", description = "The session already had its note") })
	ResponseEntity<NoteView> open(@Valid @RequestBody OpenRequest request, Actor actor) {
		NoteDrafts.Opened opened = this.drafts.openByHand(actor, request.sessionId());
		return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(Long.toString(opened.note().version()))
			.body(opened.note());
	}

	/** The note of a session, without content. */
	@GetMapping(params = "sessionId")
	@Operation(operationId = "findNoteForSession",
			summary = "The note of a session, metadata only (facilitator, supervisor)")
	NoteView forSession(@RequestParam String sessionId, Actor actor) {
		return this.reading.findForSession(actor, sessionId);
	}

	@GetMapping("/{noteId}")
	@Operation(operationId = "readNote",
			summary = "The whole note with its content, addenda and integrity (facilitator, supervisor)")
	ResponseEntity<NoteView> read(@PathVariable String noteId, Actor actor) {
		NoteView note = this.reading.read(actor, noteId);
		return ResponseEntity.ok().eTag(Long.toString(note.version())).body(note);
	}

	@GetMapping("/{noteId}/members/{patientId}")
	@Operation(operationId = "readMemberEntry",
			summary = "One member's entry of a note (facilitator, supervisor; the patient their own signed progress entry)")
	MemberView readMember(@PathVariable String noteId, @PathVariable String patientId, Actor actor) {
		return this.reading.readMember(actor, noteId, patientId);
	}

	@PutMapping("/{noteId}/group")
	@Operation(operationId = "saveGroupPart",
			summary = "Autosave the group part of a draft as a merge patch, naming the part's version edited "
					+ "(facilitator)",
			responses = { @ApiResponse(responseCode = "200", description = "Saved"),
					@ApiResponse(responseCode = "409", description = SAVE_CONFLICT,
							content = @Content(mediaType = ApiDocument.PROBLEM_JSON,
									schema = @Schema(ref = ApiDocument.PROBLEM))) })
	ResponseEntity<Saved> saveGroup(@PathVariable String noteId, @Valid @RequestBody GroupSave save, Actor actor) {
		return saved(this.drafts.saveGroup(actor, noteId, save.version(), save.group()));
	}

	@PutMapping("/{noteId}/members/{patientId}")
	@Operation(operationId = "saveMemberEntry",
			summary = "Autosave a member's progress entry and process note as merge patches, naming the entry's "
					+ "version edited (facilitator)",
			responses = { @ApiResponse(responseCode = "200", description = "Saved"),
					@ApiResponse(responseCode = "409", description = SAVE_CONFLICT,
							content = @Content(mediaType = ApiDocument.PROBLEM_JSON,
									schema = @Schema(ref = ApiDocument.PROBLEM))) })
	ResponseEntity<Saved> saveMember(@PathVariable String noteId, @PathVariable String patientId,
			@Valid @RequestBody MemberSave save, Actor actor) {
		return saved(this.drafts.saveMember(actor, noteId, patientId, save.version(),
				new MemberContent(save.progress(), save.process())));
	}

	@PostMapping("/{noteId}/sign")
	@Operation(operationId = "signNote", summary = "Sign a draft, which locks its content (facilitator)")
	ResponseEntity<Saved> sign(@PathVariable String noteId, @Valid @RequestBody SignRequest request, Actor actor) {
		return saved(this.signing.sign(actor, noteId, request.version()));
	}

	@PostMapping("/{noteId}/co-sign")
	@Operation(operationId = "coSignNote", summary = "Co-sign a signed note (the group's supervisor)")
	ResponseEntity<Saved> coSign(@PathVariable String noteId, Actor actor) {
		return saved(this.signing.coSign(actor, noteId));
	}

	@PostMapping("/{noteId}/addenda")
	@Operation(operationId = "addAddendum", summary = "Add an addendum to a signed note (facilitator, supervisor)",
			responses = @ApiResponse(responseCode = "201", description = "Created"))
	ResponseEntity<AddendumView> addendum(@PathVariable String noteId, @Valid @RequestBody AddendumRequest request,
			Actor actor) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.amendments.addAddendum(actor, noteId, request.text(), request.patientId(), request.part()));
	}

	@PostMapping("/{noteId}/void")
	@Operation(operationId = "voidNote",
			summary = "Void a note with a reason; nothing is overwritten (facilitator, supervisor)")
	ResponseEntity<Saved> voidNote(@PathVariable String noteId, @Valid @RequestBody VoidRequest request, Actor actor) {
		return saved(this.amendments.voidNote(actor, noteId, request.reason()));
	}

	/** A patient's own signed progress entries. */
	@GetMapping("/mine")
	@Operation(operationId = "myProgressEntries",
			summary = "The caller's own signed progress entries with their addenda (patient)")
	List<OwnEntry> mine(Actor actor) {
		return this.reading.mine(actor);
	}

	/** Directors: which sessions have signed notes, how late, which are overdue. */
	@GetMapping("/documentation-status")
	@Operation(operationId = "documentationStatus",
			summary = "Which sessions have signed notes, how late, which are overdue (director)")
	DocumentationReport documentationStatus(@RequestParam(required = false) String programId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to, Actor actor) {
		return this.reporting.documentationStatus(actor, programId, from, to);
	}

	private static ResponseEntity<Saved> saved(Saved saved) {
		return ResponseEntity.ok().header(HttpHeaders.ETAG, "\"" + saved.version() + "\"").body(saved);
	}

}
