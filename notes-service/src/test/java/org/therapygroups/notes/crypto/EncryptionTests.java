package org.therapygroups.notes.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NoteFixtures.Scenario;
import org.therapygroups.notes.NotesServiceTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Content reaches MongoDB only as Tink ciphertext bound to its note and field, keys are
 * wrapped by the KEK, and rotation keeps old notes readable while new writes use the new
 * key.
 */
class EncryptionTests extends NotesServiceTestBase {

	@Autowired
	private NoteCrypto crypto;

	@Test
	void theDatabaseHoldsNoPlaintextContentTagOrKey() throws Exception {
		Scenario s = filledAndSigned("PSYCHODYNAMIC");
		this.mvc
			.perform(withJson(post("/api/notes/" + s.noteId() + "/addenda"),
					Map.of("text", "Addendum " + NoteFixtures.SECRET, "patientId", s.patientA()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isCreated());
		Document raw = noteOf(s.sessionId());
		Document entry = raw.get("members", Document.class).get(s.patientA(), Document.class);
		Document process = entry.get("process", Document.class);
		assertThat(process.keySet()).containsExactlyInAnyOrder("kid", "ct");
		assertThat(process.get("ct")).isInstanceOf(Binary.class);
		assertThat(process.getInteger("kid")).isEqualTo(this.crypto.status().primaryKeyId());

		// every byte of every collection: no phrase, tag or defense name in clear
		StringBuilder everything = new StringBuilder();
		for (String collection : this.mongo.getCollectionNames()) {
			for (Document document : this.mongo.getCollection(collection).find()) {
				everything.append(document.toJson());
				collectBinaries(document, everything);
			}
		}
		assertThat(everything.toString()).doesNotContain(NoteFixtures.SECRET, "abandonment", "Father left",
				"MINIMISATION", "RATIONALISATION", "Shame and relapse", "Addendum ");
		// the blind index holds keyed hashes
		List<String> tokens = raw.get("blindIndex", Document.class).getList(s.patientA(), String.class);
		assertThat(tokens).isNotEmpty().allMatch((token) -> token.matches("[0-9a-f]{32}"));
		assertThat(tokens).contains(this.crypto.blindIndex("theme", "Abandonment "));
		// the data keys are stored wrapped: no raw key material
		Document keyset = this.mongo.getCollection(NoteCrypto.COLLECTION).find(new Document("_id", "content")).first();
		assertThat(keyset.getString("keyset")).contains("encryptedKeyset").doesNotContain("\"value\"");
	}

	@Test
	void aCiphertextMovedToAnotherNoteOrFieldDoesNotDecrypt() throws Exception {
		Scenario one = filledAndSigned("PSYCHODYNAMIC");
		Scenario two = filledAndSigned("PSYCHODYNAMIC");
		Document first = noteOf(one.sessionId());
		Sealed sealed = sealedOf(first, one.patientA(), "process");
		assertThat(new String(this.crypto.open(one.noteId(), "members." + one.patientA() + ".process", sealed),
				StandardCharsets.UTF_8))
			.contains(NoteFixtures.SECRET);
		assertThatThrownBy(() -> this.crypto.open(two.noteId(), "members." + one.patientA() + ".process", sealed))
			.isInstanceOf(ContentUnreadableException.class)
			.hasMessageNotContaining(NoteFixtures.SECRET);
		assertThatThrownBy(() -> this.crypto.open(one.noteId(), "members." + one.patientA() + ".progress", sealed))
			.isInstanceOf(ContentUnreadableException.class);

		// swapped in the database: the API refuses to show it rather than show it wrongly
		this.mongo.getCollection("notes")
			.updateOne(new Document("_id", two.noteId()),
					new Document("$set", new Document("members." + two.patientA() + ".process",
							first.get("members", Document.class).get(one.patientA(), Document.class).get("process"))));
		this.mvc.perform(get("/api/notes/" + two.noteId()).with(as(two.therapist(), "therapist")))
			.andExpect(status().isInternalServerError());
	}

	@Test
	void rotationKeepsOldNotesReadableAndNewWritesUseTheNewKey() throws Exception {
		Scenario before = filledAndSigned("CBT");
		int oldKey = sealedOf(noteOf(before.sessionId()), before.patientA(), "process").kid();

		JsonNode rotated = body(this.mvc.perform(post("/api/notes/admin/keys/rotate").with(as(id(), "director")))
			.andExpect(status().isOk()));
		int newKey = rotated.get("primaryKeyId").asInt();
		assertThat(newKey).isNotEqualTo(oldKey);
		assertThat(rotated.get("keyIds").toString()).contains(Integer.toString(oldKey));

		Scenario after = filledAndSigned("CBT");
		assertThat(sealedOf(noteOf(after.sessionId()), after.patientA(), "process").kid()).isEqualTo(newKey);
		JsonNode old = body(
				this.mvc.perform(get("/api/notes/" + before.noteId()).with(as(before.therapist(), "therapist")))
					.andExpect(status().isOk()));
		assertThat(old.get("integrity").asString()).isEqualTo("VERIFIED");
		assertThat(old.get("members").get(0).get("process").get("thoughtRecords").get(0).get("situation").asString())
			.contains(NoteFixtures.SECRET);
		this.mvc.perform(get("/api/notes/" + after.noteId()).with(as(after.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/notes/admin/keys/rotate").with(as(before.therapist(), "therapist")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aWrongKeyEncryptionKeyIsRefusedAndMaterialIsNeverEchoed() {
		assertThatThrownBy(() -> KeyEncryptionKey.load(new CryptoProperties("bm90LWEta2V5", null, false)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining("bm90LWEta2V5");
		assertThatThrownBy(() -> KeyEncryptionKey
			.load(new CryptoProperties(null, java.nio.file.Path.of("target/none.json"), false)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist");
	}

	private Scenario filledAndSigned(String modality) throws Exception {
		Scenario s = givenCompletedSession(modality, false);
		String note = "/api/notes/" + s.noteId();
		Map<String, Object> entry = "CBT".equals(modality) ? NoteFixtures.cbtEntry(70, "LABELLING")
				: NoteFixtures.psychodynamicEntry("abandonment");
		this.mvc
			.perform(withJson(put(note + "/group"), Map.of("version", 0, "group", NoteFixtures.groupPart()))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc
			.perform(withJson(put(note + "/members/" + s.patientA()), NoteFixtures.save(0, entry))
				.with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		this.mvc.perform(withJson(post(note + "/sign"), Map.of("version", 3)).with(as(s.therapist(), "therapist")))
			.andExpect(status().isOk());
		return s;
	}

	private static Sealed sealedOf(Document note, String patientId, String part) {
		Document sealed = note.get("members", Document.class).get(patientId, Document.class).get(part, Document.class);
		return new Sealed(sealed.getInteger("kid"), sealed.get("ct", Binary.class).getData());
	}

	private static void collectBinaries(Object value, StringBuilder out) {
		if (value instanceof Binary binary) {
			out.append(new String(binary.getData(), StandardCharsets.ISO_8859_1));
		}
		else if (value instanceof Document document) {
			document.values().forEach((v) -> collectBinaries(v, out));
		}
		else if (value instanceof List<?> list) {
			new ArrayList<>(list).forEach((v) -> collectBinaries(v, out));
		}
	}

}
