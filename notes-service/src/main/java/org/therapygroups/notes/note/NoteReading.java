package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.note.NoteViews.AddendumView;
import org.therapygroups.notes.note.NoteViews.Disclosed;
import org.therapygroups.notes.note.NoteViews.MemberView;
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.note.NoteViews.OwnEntry;
import org.therapygroups.notes.note.NoteViews.VoidView;
import org.therapygroups.notes.note.SessionNote.Addendum;
import org.therapygroups.notes.note.SessionNote.MemberEntry;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Reading notes: the group's clinicians read them whole, a patient reads their own signed
 * progress entries. Every read of content is audited before the content leaves.
 */
@Service
public class NoteReading {

	private final NoteGuard guard;

	private final NoteStore store;

	private final NoteContent content;

	private final NoteAccess access;

	NoteReading(NoteGuard guard, NoteStore store, NoteContent content, NoteAccess access) {
		this.guard = guard;
		this.store = store;
		this.content = content;
		this.access = access;
	}

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
			throw this.guard.deny(attempt, NoteProblems.notFound());
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
		SessionNote note = this.guard.loadMember(actor, AuditAction.READ, noteId, patientId);
		Attempt attempt = Attempt.byId(actor, AuditAction.READ, note.id()).about(List.of(patientId));
		MemberView view;
		if (actor.isClinician()) {
			view = memberForClinician(attempt, note, patientId);
		}
		else if (actor.isPatient()) {
			view = memberForPatient(attempt, note, patientId);
		}
		else {
			throw this.guard.deny(attempt, NoteProblems.forbidden());
		}
		this.guard.granted(attempt);
		return view;
	}

	private MemberView memberForClinician(Attempt attempt, SessionNote note, String patientId) {
		if (!this.access.mayReadContent(attempt.actor(), note)) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		MemberEntry entry = note.members().get(patientId);
		RosterMember member = note.rosterMember(patientId);
		if (member == null) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		if (entry == null) {
			return MemberView.unsaved(patientId, member.attendance());
		}
		return memberView(note, member, entry);
	}

	private MemberView memberView(SessionNote note, RosterMember member, MemberEntry entry) {
		String patientId = member.patientId();
		return new MemberView(patientId, member.attendance(), entry.stamp().version(),
				this.content.open(note.id(), NoteContent.progressField(patientId), entry.progress()),
				this.content.open(note.id(), NoteContent.processField(patientId), entry.process()),
				entry.stamp().updatedAt(), entry.stamp().updatedBy());
	}

	/** Never the process note: it is not part of the record a patient may read. */
	private MemberView memberForPatient(Attempt attempt, SessionNote note, String patientId) {
		if (!this.access.isOwnSignedEntry(attempt.actor(), note, patientId)) {
			throw this.guard.deny(attempt, NoteProblems.notFound());
		}
		MemberEntry entry = note.members().get(patientId);
		return new MemberView(patientId, note.rosterMember(patientId).attendance(), null,
				this.content.open(note.id(), NoteContent.progressField(patientId), entry.progress()), null, null, null);
	}

	/**
	 * A patient's own signed progress entries, newest first, with the addenda to them.
	 * @param actor the patient
	 * @return the entries
	 */
	public List<OwnEntry> mine(Actor actor) {
		if (!actor.isPatient() || !NoteContent.isPlainId(actor.id())) {
			throw this.guard.deny(Attempt.byId(actor, AuditAction.READ, null), NoteProblems.forbidden());
		}
		String self = actor.id();
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
					NoteProblems.notFound());
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
			else if (note.isDraft() && member.attended()) {
				// still to be written: its first save names version 0
				members.add(MemberView.unsaved(member.patientId(), member.attendance()));
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

}
