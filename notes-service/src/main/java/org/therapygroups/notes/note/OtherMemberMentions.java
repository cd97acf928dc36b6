package org.therapygroups.notes.note;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
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
 * <p>
 * A member's names are looked up in the directory and compiled into patterns once, then
 * kept for {@code therapy.notes.mentions.names-ttl} (30 s by default): a save checks
 * every other member of the session, and reading each one's entry every time was the
 * largest share of a save. A name changed within that time is checked under its new
 * spelling once the entry expires; the user id is always checked. A member the directory
 * does not know yet is looked up again at the next save.
 */
@Component
class OtherMemberMentions {

	/** A name of one or two letters is an initial or a word too often to mean anybody. */
	private static final int SHORTEST_NAME = 3;

	private static final String BEFORE = "(?<![\\p{L}\\p{N}])";

	private static final String AFTER = "(?![\\p{L}\\p{N}])";

	private final Directory directory;

	private final Cache<String, List<Mention>> names;

	OtherMemberMentions(Directory directory,
			@Value("${therapy.notes.mentions.names-ttl:30s}") Duration namesTimeToLive) {
		this.directory = directory;
		this.names = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(namesTimeToLive).build();
	}

	/**
	 * @param texts every text written for the member
	 * @return one error if a text identifies another member of the session, else none
	 */
	List<FieldError> find(SessionNote note, String patientId, List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		Text all = new Text(String.join("\n", texts));
		for (RosterMember other : note.roster()) {
			if (!other.patientId().equals(patientId) && identifies(all, other.patientId())) {
				return List
					.of(new FieldError("members[" + patientId + "]", "must not identify another member of the group"));
			}
		}
		return List.of();
	}

	private boolean identifies(Text text, String otherId) {
		return mentions(otherId).stream().anyMatch((mention) -> mention.in(text));
	}

	/**
	 * How the member could be named: by user id, and by name if the directory knows it.
	 */
	private List<Mention> mentions(String userId) {
		List<Mention> known = this.names.getIfPresent(userId);
		if (known != null) {
			return known;
		}
		Optional<String> name = this.directory.find(userId)
			.map(DirectoryUser::displayName)
			.map(String::strip)
			.filter((displayName) -> displayName.length() >= SHORTEST_NAME);
		Mention byId = Mention.of(userId, Pattern.CASE_INSENSITIVE);
		if (name.isEmpty()) {
			return List.of(byId);
		}
		List<Mention> mentions = new ArrayList<>();
		mentions.add(byId);
		mentions.add(Mention.of(name.get(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
		for (String part : name.get().split("[\\s\\-]+")) {
			if (part.codePointCount(0, part.length()) >= SHORTEST_NAME) {
				mentions.add(Mention.of(part, 0));
				mentions.add(Mention.of(capitalised(part), 0));
				mentions.add(Mention.of(part.toUpperCase(Locale.ROOT), 0));
			}
		}
		this.names.put(userId, List.copyOf(mentions));
		return mentions;
	}

	/**
	 * A text as written and case-folded the way a case-insensitive pattern compares it.
	 */
	private record Text(String written, String folded) {

		Text(String written) {
			this(written, fold(written));
		}

	}

	/**
	 * A literal as a word of its own. Searching for the literal is a cheap test that
	 * every match must pass (a pattern with a look-behind is tried at every position of
	 * the text), so the pattern only runs where the literal occurs at all.
	 */
	private record Mention(String literal, boolean caseless, Pattern pattern) {

		static Mention of(String literal, int flags) {
			boolean caseless = (flags & Pattern.CASE_INSENSITIVE) != 0;
			return new Mention(caseless ? fold(literal) : literal, caseless,
					Pattern.compile(BEFORE + Pattern.quote(literal) + AFTER, flags));
		}

		boolean in(Text text) {
			return (this.caseless ? text.folded() : text.written()).contains(this.literal)
					&& this.pattern.matcher(text.written()).find();
		}

	}

	/**
	 * Each character as case-insensitive matching compares it: two texts that match
	 * ignoring case are equal once folded.
	 */
	private static String fold(String text) {
		StringBuilder folded = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
		return folded.toString();
	}

	private static String capitalised(String part) {
		String lower = part.toLowerCase(Locale.ROOT);
		int first = lower.codePointAt(0);
		return new String(Character.toChars(Character.toUpperCase(first)))
				+ lower.substring(Character.charCount(first));
	}

}
