package org.therapygroups.notes.note;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.therapygroups.events.notes.NoteEvent;
import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.note.NoteStore.Documented;
import org.therapygroups.notes.note.NoteViews.DocumentationReport;
import org.therapygroups.notes.note.NoteViews.DocumentationStatus;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * For directors: which sessions of their programs are documented, how late, which are
 * overdue. Metadata only, so nothing here is read from a note's content or audited as a
 * disclosure.
 */
@Service
class DocumentationReporting {

	/** Past this, an unsigned note is overdue and a signed one was signed late. */
	private static final Duration OVERDUE = Duration.ofHours(72);

	private final NoteStore store;

	private final SessionsReadModel sessions;

	DocumentationReporting(NoteStore store, SessionsReadModel sessions) {
		this.store = store;
		this.sessions = sessions;
	}

	/**
	 * Documentation status per session, without content, of the programs the caller
	 * directs.
	 * @param actor the caller
	 * @param programId only this program, or {@code null} for all the caller directs
	 * @param from sessions ending at or after, or {@code null}
	 * @param to sessions ending before, or {@code null}
	 * @return the report
	 * @throws ApiProblem 403 for anybody but a director, or a program the caller does not
	 * direct
	 */
	DocumentationReport documentationStatus(Actor actor, String programId, Instant from, Instant to) {
		if (!actor.isDirector()) {
			throw NoteProblems.forbidden();
		}
		Set<String> directed = this.sessions.programsDirectedBy(actor.id());
		if (programId != null && !directed.contains(programId)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN,
					"Only the directors of this program see its documentation status.");
		}
		Instant now = this.store.now();
		List<DocumentationStatus> notes = new ArrayList<>();
		for (Documented note : this.store.documentation((programId != null) ? Set.of(programId) : directed, from, to)) {
			notes.add(status(note, now));
		}
		int signedCount = (int) notes.stream().filter(DocumentationStatus::signed).count();
		return new DocumentationReport(now, notes.size(), signedCount,
				(int) notes.stream().filter((n) -> !n.signed() && !NoteEvent.VOIDED.equals(n.status())).count(),
				(int) notes.stream().filter(DocumentationStatus::overdue).count(),
				(int) notes.stream().filter(DocumentationStatus::signedLate).count(), notes);
	}

	private static DocumentationStatus status(Documented note, Instant now) {
		Instant endsAt = note.sessionEndsAt();
		Instant signedAt = note.signedAt();
		boolean signed = signedAt != null;
		Double hoursToSign = (signed && endsAt != null) ? hours(Duration.between(endsAt, signedAt)) : null;
		boolean voided = NoteEvent.VOIDED.equals(note.status());
		Double hoursOpen = (!signed && !voided && endsAt != null) ? hours(Duration.between(endsAt, now)) : null;
		boolean overdue = !signed && !voided && endsAt != null && Duration.between(endsAt, now).compareTo(OVERDUE) > 0;
		boolean late = signed && endsAt != null && Duration.between(endsAt, signedAt).compareTo(OVERDUE) > 0;
		return new DocumentationStatus(note.noteId(), note.sessionId(), note.groupId(), note.programId(), endsAt,
				note.status(), signed, signedAt, hoursToSign, late, overdue, note.coSignRequired(), note.coSigned(),
				hoursOpen);
	}

	/** Hours to one decimal, as a director reads them. */
	private static Double hours(Duration duration) {
		return Math.round(duration.toMinutes() / 6.0) / 10.0;
	}

}
