package org.therapygroups.notes.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.notes.note.SessionNote.RosterMember;
import org.therapygroups.platform.problem.FieldError;

/**
 * One member's entry must stand alone: a patient may come to read it, so it may not
 * identify another member of the session. What this promises, exactly (docs/notes.md): an
 * entry is refused when it contains another member's user id or whole display name in any
 * case, or any part of their name of three letters or more written as a name (capitalised
 * or in capitals) as a word of its own. A lower-case word that happens to be a name
 * ("will", "hope") and initials are not refused. The error says which entry, never what
 * was written.
 */
@Component
class OtherMemberMentions {

	/** A name of one or two letters is an initial or a word too often to mean anybody. */
	private static final int SHORTEST_NAME = 3;

	private static final String BEFORE = "(?<![\\p{L}\\p{N}])";

	private static final String AFTER = "(?![\\p{L}\\p{N}])";

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
		String all = String.join("\n", texts);
		for (RosterMember other : note.roster()) {
			if (!other.patientId().equals(patientId) && identifies(all, other.patientId())) {
				return List
					.of(new FieldError("members[" + patientId + "]", "must not identify another member of the group"));
			}
		}
		return List.of();
	}

	private boolean identifies(String text, String otherId) {
		List<Pattern> patterns = new ArrayList<>();
		patterns.add(word(otherId, Pattern.CASE_INSENSITIVE));
		this.directory.find(otherId)
			.map(DirectoryUser::displayName)
			.map(String::strip)
			.filter((name) -> name.length() >= SHORTEST_NAME)
			.ifPresent((name) -> {
				patterns.add(word(name, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
				for (String part : name.split("[\\s\\-]+")) {
					if (part.codePointCount(0, part.length()) >= SHORTEST_NAME) {
						patterns.add(word(part, 0));
						patterns.add(word(capitalised(part), 0));
						patterns.add(word(part.toUpperCase(Locale.ROOT), 0));
					}
				}
			});
		return patterns.stream().anyMatch((pattern) -> pattern.matcher(text).find());
	}

	private static Pattern word(String literal, int flags) {
		return Pattern.compile(BEFORE + Pattern.quote(literal) + AFTER, flags);
	}

	private static String capitalised(String part) {
		String lower = part.toLowerCase(Locale.ROOT);
		int first = lower.codePointAt(0);
		return new String(Character.toChars(Character.toUpperCase(first)))
				+ lower.substring(Character.charCount(first));
	}

}
