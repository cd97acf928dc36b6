package org.therapygroups.notes.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.therapygroups.notes.crypto.NoteCrypto;
import org.therapygroups.notes.crypto.Sealed;
import org.therapygroups.notes.template.FieldSpec;
import org.therapygroups.notes.template.NoteTemplate;
import org.therapygroups.notes.template.TemplateValidator;
import org.therapygroups.notes.template.Templates;

/**
 * A note's clinical content: the template it follows, sealed per field, hashed for the
 * signature and indexed blind for the pattern search. The field path is part of what is
 * sealed, so a ciphertext moved to another field or note does not open.
 */
@Component
class NoteContent {

	/**
	 * Patient ids become parts of field paths ({@code members.<id>.progress}), so only
	 * plain ids are accepted where one names a field.
	 */
	static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	static final String GROUP = "group";

	static final String VOID_REASON = "voided.reason";

	private final NoteCrypto crypto;

	private final JsonMapper json;

	private final Templates templates;

	NoteContent(NoteCrypto crypto, JsonMapper json, Templates templates) {
		this.crypto = crypto;
		this.json = json;
		this.templates = templates;
	}

	static boolean isPlainId(String userId) {
		return USER_ID.matcher(userId).matches();
	}

	static String progressField(String patientId) {
		return "members." + patientId + ".progress";
	}

	static String processField(String patientId) {
		return "members." + patientId + ".process";
	}

	static String addendumField(String addendumId) {
		return "addenda." + addendumId + ".text";
	}

	NoteTemplate templateFor(String modality) {
		return this.templates.forModality(modality);
	}

	/** The version a note was opened with, even after the template has moved on. */
	NoteTemplate template(SessionNote note) {
		return this.templates.find(note.templateId(), note.templateVersion())
			.orElseThrow(() -> new IllegalStateException(
					"Template " + note.templateId() + " v" + note.templateVersion() + " is missing"));
	}

	/** An absent part stays absent rather than becoming a sealed {@code null}. */
	Sealed seal(String noteId, String field, JsonNode content) {
		if (content == null || content.isNull() || content.isMissingNode()) {
			return null;
		}
		return this.crypto.seal(noteId, field, this.json.writeValueAsBytes(content));
	}

	Sealed sealText(String noteId, String field, String text) {
		return this.crypto.seal(noteId, field, text.getBytes(StandardCharsets.UTF_8));
	}

	JsonNode open(String noteId, String field, Sealed sealed) {
		if (sealed == null) {
			return null;
		}
		return this.json.readTree(this.crypto.open(noteId, field, sealed));
	}

	String openText(String noteId, String field, Sealed sealed) {
		return new String(this.crypto.open(noteId, field, sealed), StandardCharsets.UTF_8);
	}

	/**
	 * SHA-256 over every content field (path and plaintext), in path order: the same
	 * content gives the same hash whatever key encrypted it.
	 */
	String contentHash(SessionNote note) {
		Map<String, byte[]> fields = new TreeMap<>();
		if (note.group() != null) {
			fields.put(GROUP, this.crypto.open(note.id(), GROUP, note.group()));
		}
		note.members().forEach((patientId, entry) -> {
			if (entry.progress() != null) {
				fields.put(progressField(patientId),
						this.crypto.open(note.id(), progressField(patientId), entry.progress()));
			}
			if (entry.process() != null) {
				fields.put(processField(patientId),
						this.crypto.open(note.id(), processField(patientId), entry.process()));
			}
		});
		List<byte[]> parts = new ArrayList<>();
		fields.forEach((path, plaintext) -> {
			parts.add(path.getBytes(StandardCharsets.UTF_8));
			parts.add(plaintext);
		});
		return sha256(parts.toArray(byte[][]::new));
	}

	/**
	 * An addendum's hash binds its text to its own field, as a note's binds its fields.
	 */
	static String textHash(String field, String text) {
		return sha256(field.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Keyed hashes of each member's pattern values (themes, defenses, ...), so that the
	 * pattern search can ask the database for a tag without the tag being stored.
	 */
	Map<String, List<String>> blindIndex(SessionNote note, NoteTemplate template) {
		Map<String, List<String>> index = new LinkedHashMap<>();
		note.members().forEach((patientId, entry) -> {
			Set<String> tokens = new LinkedHashSet<>();
			JsonNode process = open(note.id(), processField(patientId), entry.process());
			JsonNode progress = open(note.id(), progressField(patientId), entry.progress());
			addTokens(tokens, template.process(), process);
			addTokens(tokens, template.progress(), progress);
			index.put(patientId, new ArrayList<>(tokens));
		});
		return index;
	}

	private void addTokens(Set<String> tokens, Map<String, FieldSpec> fields, JsonNode content) {
		TemplateValidator.patterns(fields, content)
			.forEach((kind, values) -> values.forEach((value) -> tokens.add(this.crypto.blindIndex(kind, value))));
	}

	private static String sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(Integer.toString(part.length).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(part);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
