package org.therapygroups.notes.note;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.notes.sessions.GroupView;
import org.therapygroups.notes.sessions.SessionView;

/**
 * The session a new draft documents, from its completion event or from what is known of
 * it when a facilitator opens the draft by hand.
 *
 * @param origin {@code SESSION_COMPLETED} or {@code MANUAL}: where the roster came from
 */
record NewDraft(String sessionId, String groupId, String programId, String modality, Instant startsAt, Instant endsAt,
		List<String> facilitatorIds, String supervisorId, List<RosterMember> roster, String origin) {

	/**
	 * The event's facilitators are those who ran the session; the group's are a fallback.
	 */
	static NewDraft fromCompletion(SessionCompleted completed, Optional<GroupView> group) {
		List<String> facilitators = !completed.facilitatorIds().isEmpty() ? completed.facilitatorIds()
				: group.map(GroupView::facilitatorIds).orElse(List.of());
		List<RosterMember> roster = completed.roster()
			.stream()
			.map((RosterEntry entry) -> new RosterMember(entry.patientId(), entry.attendance().name()))
			.toList();
		return new NewDraft(completed.sessionId(), completed.groupId(), completed.programId(), completed.modality(),
				completed.startsAt(), completed.endsAt(), facilitators, group.map(GroupView::supervisorId).orElse(null),
				roster, "SESSION_COMPLETED");
	}

	/**
	 * Before the completion event nobody knows who came: every member, attendance not
	 * recorded.
	 */
	static NewDraft byHand(SessionView session, GroupView group, List<String> memberIds) {
		List<RosterMember> roster = memberIds.stream()
			.map((patientId) -> new RosterMember(patientId, "NOT_RECORDED"))
			.toList();
		return new NewDraft(session.sessionId(), group.groupId(), group.programId(), group.modality(),
				session.startsAt(), session.endsAt(), group.facilitatorIds(), group.supervisorId(), roster, "MANUAL");
	}

	List<String> patientIds() {
		return this.roster.stream().map(RosterMember::patientId).toList();
	}

}
