package org.therapygroups.notes.note;

import org.springframework.stereotype.Component;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * Who may do what with a note, decided here and nowhere else. Facilitators are those
 * named on the completed session plus those the group names now; the supervisor is the
 * one on the note (set when it was opened) or the group's current one.
 * <p>
 * 403 when the caller's role can never do this (a director asking for content, a patient
 * asking for a process note); 404 when the role could but the caller has no relation to
 * this note, so that nobody learns which notes exist about whom.
 */
@Component
class NoteAccess {

	private final SessionsReadModel sessions;

	NoteAccess(SessionsReadModel sessions) {
		this.sessions = sessions;
	}

	boolean facilitates(Actor actor, SessionNote note) {
		if (!actor.isClinician()) {
			return false;
		}
		if (note.facilitatorIds().contains(actor.id())) {
			return true;
		}
		return this.sessions.group(note.groupId())
			.map(GroupView::facilitatorIds)
			.map((ids) -> ids.contains(actor.id()))
			.orElse(false);
	}

	boolean supervises(Actor actor, SessionNote note) {
		if (!actor.isClinician()) {
			return false;
		}
		if (actor.id().equals(note.supervisorId())) {
			return true;
		}
		return this.sessions.group(note.groupId()).map(GroupView::supervisorId).map(actor.id()::equals).orElse(false);
	}

	/** Read the whole note, process notes included: facilitators and the supervisor. */
	boolean mayReadContent(Actor actor, SessionNote note) {
		return facilitates(actor, note) || supervises(actor, note);
	}

	/** Edit, sign: the facilitators. */
	boolean mayWrite(Actor actor, SessionNote note) {
		return facilitates(actor, note);
	}

	/** A patient's own entry, once signed. */
	boolean isOwnSignedEntry(Actor actor, SessionNote note, String patientId) {
		return actor.isPatient() && actor.id().equals(patientId) && note.isSigned()
				&& note.members().containsKey(patientId) && note.members().get(patientId).progress() != null;
	}

}
