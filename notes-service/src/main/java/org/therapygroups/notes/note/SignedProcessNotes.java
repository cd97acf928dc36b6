package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * Signed process notes for the patterns view, whose caller is checked and audited there:
 * only signed notes count, so that patterns never rest on a draft still being written.
 */
@Service
public class SignedProcessNotes {

	private final NoteStore store;

	private final NoteContent content;

	SignedProcessNotes(NoteStore store, NoteContent content) {
		this.store = store;
		this.content = content;
	}

	/**
	 * The signed process notes of one patient in the given groups.
	 * @param patientId the patient
	 * @param groupIds groups the caller facilitates
	 * @param blindIndexToken only notes whose index holds this token, or {@code null}
	 * @return decrypted process notes, oldest first
	 */
	public List<SignedProcessNote> of(String patientId, Set<String> groupIds, String blindIndexToken) {
		if (!NoteContent.isPlainId(patientId) || groupIds.isEmpty()) {
			return List.of();
		}
		List<SignedProcessNote> notes = new ArrayList<>();
		for (SessionNote note : this.store.signedWithProcessOf(patientId, groupIds, blindIndexToken)) {
			notes.add(new SignedProcessNote(note.id(), note.sessionId(), note.groupId(), note.sessionStartsAt(),
					this.content.template(note), this.content.open(note.id(), NoteContent.processField(patientId),
							note.members().get(patientId).process())));
		}
		return notes;
	}

}
