package org.therapygroups.notes.note;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.problem.FieldError;

/**
 * One member's entry must stand alone: a patient may come to read it, so it may not carry
 * another member's id or directory name. The error says which entry, never what was
 * written.
 */
@Component
class OtherMemberMentions {

	/** A name of one or two letters is an initial or a word too often to mean anybody. */
	private static final int SHORTEST_NAME = 3;

	private final Directory directory;

	OtherMemberMentions(Directory directory) {
		this.directory = directory;
	}

	/**
	 * @param texts every text written for the member
	 * @return one error if a text identifies another member of the session, else none
	 */
	List<FieldError> find(SessionNote note, String patientId, List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		String all = String.join("\n", texts).toLowerCase(Locale.ROOT);
		for (RosterMember other : note.roster()) {
			if (other.patientId().equals(patientId)) {
				continue;
			}
			for (String identifier : identifiers(other.patientId())) {
				if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(identifier) + "(?![\\p{L}\\p{N}])")
					.matcher(all)
					.find()) {
					return List.of(new FieldError("members[" + patientId + "]",
							"must not identify another member of the group"));
				}
			}
		}
		return List.of();
	}

	private Set<String> identifiers(String patientId) {
		Set<String> identifiers = new LinkedHashSet<>();
		identifiers.add(patientId.toLowerCase(Locale.ROOT));
		this.directory.find(patientId)
			.map(DirectoryUser::displayName)
			.filter((name) -> name != null && name.strip().length() >= SHORTEST_NAME)
			.ifPresent((name) -> identifiers.add(name.strip().toLowerCase(Locale.ROOT)));
		return identifiers;
	}

}
