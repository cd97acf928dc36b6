package org.therapygroups.notes.note;

import java.util.List;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.audit.AuditOutcome;
import org.therapygroups.notes.audit.AuditRecord;

/**
 * Somebody trying to do something with a note: what its audit record names, however it
 * ends.
 *
 * @param noteId the note, or {@code null} before one is known
 * @param patientIds whose health information it touches
 */
record Attempt(Actor actor, AuditAction action, String noteId, List<String> patientIds) {

	/** On the whole note: every member of its roster is touched. */
	static Attempt of(Actor actor, AuditAction action, SessionNote note) {
		return new Attempt(actor, action, note.id(), note.patientIds());
	}

	/** Before anybody's information is in play: a note not found, or not yet chosen. */
	static Attempt byId(Actor actor, AuditAction action, String noteId) {
		return new Attempt(actor, action, noteId, List.of());
	}

	/** The same attempt, narrowed to the members it really concerns. */
	Attempt about(List<String> patientIds) {
		return new Attempt(this.actor, this.action, this.noteId, patientIds);
	}

	AuditRecord succeeded() {
		return record(AuditOutcome.SUCCESS);
	}

	AuditRecord record(AuditOutcome outcome) {
		return AuditRecord.of(this.actor, this.action, this.noteId, this.patientIds, outcome);
	}

}
