package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

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

/**
 * Session notes. Every access rule is decided (and audited) beneath, in
 * {@link NoteAccess} and {@link NoteGuard}: the token only says who is asking.
 */
@RestController
@RequestMapping("/api/notes")
class NotesController {

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

	record GroupSave(@NotNull Long version, JsonNode group) {

	}

	record MemberSave(@NotNull Long version, JsonNode progress, JsonNode process) {

	}

	record SignRequest(@NotNull Long version) {

	}

	record AddendumRequest(@NotBlank @Size(max = 8000) String text, String patientId, String part) {

	}

	record VoidRequest(@NotBlank @Size(max = 2000) String reason) {

	}

	/** A facilitator opens the draft of a session by hand. */
	@PostMapping
	ResponseEntity<NoteView> open(@Valid @RequestBody OpenRequest request, Actor actor) {
		NoteDrafts.Opened opened = this.drafts.openByHand(actor, request.sessionId());
		return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(Long.toString(opened.note().version()))
			.body(opened.note());
	}

	/** The note of a session, without content. */
	@GetMapping(params = "sessionId")
	NoteView forSession(@RequestParam String sessionId, Actor actor) {
		return this.reading.findForSession(actor, sessionId);
	}

	@GetMapping("/{noteId}")
	ResponseEntity<NoteView> read(@PathVariable String noteId, Actor actor) {
		NoteView note = this.reading.read(actor, noteId);
		return ResponseEntity.ok().eTag(Long.toString(note.version())).body(note);
	}

	@GetMapping("/{noteId}/members/{patientId}")
	MemberView readMember(@PathVariable String noteId, @PathVariable String patientId, Actor actor) {
		return this.reading.readMember(actor, noteId, patientId);
	}

	@PutMapping("/{noteId}/group")
	ResponseEntity<Saved> saveGroup(@PathVariable String noteId, @Valid @RequestBody GroupSave save, Actor actor) {
		return saved(this.drafts.saveGroup(actor, noteId, save.version(), save.group()));
	}

	@PutMapping("/{noteId}/members/{patientId}")
	ResponseEntity<Saved> saveMember(@PathVariable String noteId, @PathVariable String patientId,
			@Valid @RequestBody MemberSave save, Actor actor) {
		return saved(this.drafts.saveMember(actor, noteId, patientId, save.version(),
				new MemberContent(save.progress(), save.process())));
	}

	@PostMapping("/{noteId}/sign")
	ResponseEntity<Saved> sign(@PathVariable String noteId, @Valid @RequestBody SignRequest request, Actor actor) {
		return saved(this.signing.sign(actor, noteId, request.version()));
	}

	@PostMapping("/{noteId}/co-sign")
	ResponseEntity<Saved> coSign(@PathVariable String noteId, Actor actor) {
		return saved(this.signing.coSign(actor, noteId));
	}

	@PostMapping("/{noteId}/addenda")
	ResponseEntity<AddendumView> addendum(@PathVariable String noteId, @Valid @RequestBody AddendumRequest request,
			Actor actor) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.amendments.addAddendum(actor, noteId, request.text(), request.patientId(), request.part()));
	}

	@PostMapping("/{noteId}/void")
	ResponseEntity<Saved> voidNote(@PathVariable String noteId, @Valid @RequestBody VoidRequest request, Actor actor) {
		return saved(this.amendments.voidNote(actor, noteId, request.reason()));
	}

	/** A patient's own signed progress entries. */
	@GetMapping("/mine")
	List<OwnEntry> mine(Actor actor) {
		return this.reading.mine(actor);
	}

	/** Directors: which sessions have signed notes, how late, which are overdue. */
	@GetMapping("/documentation-status")
	DocumentationReport documentationStatus(@RequestParam(required = false) String programId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to, Actor actor) {
		return this.reporting.documentationStatus(actor, programId, from, to);
	}

	private static ResponseEntity<Saved> saved(Saved saved) {
		return ResponseEntity.ok().header(HttpHeaders.ETAG, "\"" + saved.version() + "\"").body(saved);
	}

}
