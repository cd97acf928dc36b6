package org.therapygroups.notes.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import org.bson.Document;

import org.therapygroups.notes.crypto.AuditKeys;
import org.therapygroups.notes.crypto.SignatureCheck;

/**
 * A signed statement "entry {@code seq} of the audit chain has hash {@code hash}", made
 * at {@code time}. Published outside the database, it pins every entry up to {@code seq}:
 * whoever changes, removes or reorders one of them, or recomputes the chain, cannot make
 * a matching checkpoint without the signing key.
 *
 * @param seq the sequence number of the entry it pins
 * @param hash that entry's hash
 * @param time when it was made
 * @param signature Ed25519 (Tink, key id first) over {@link #signed()}, base64
 */
public record Checkpoint(long seq, String hash, Instant time, String signature) {

	static Checkpoint sign(long seq, String hash, Instant time, AuditKeys keys) throws GeneralSecurityException {
		Checkpoint unsigned = new Checkpoint(seq, hash, time, null);
		return new Checkpoint(seq, hash, time, keys.sign(unsigned.signed()));
	}

	/**
	 * What the signature covers: a fixed label, the sequence number, hash and time.
	 * @return the bytes
	 */
	byte[] signed() {
		return String
			.join("\u001f", "therapy-notes-audit-checkpoint", Long.toString(this.seq), this.hash,
					Long.toString(this.time.toEpochMilli()))
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether the signature is one of the keyset's.
	 * @param verifier the public keyset's verifier
	 * @return whether it verifies
	 */
	boolean verifies(SignatureCheck verifier) {
		return this.hash != null && this.time != null && verifier.verifies(this.signature, signed());
	}

	String toJson() {
		return new Document("seq", this.seq).append("hash", this.hash)
			.append("time", this.time.toString())
			.append("signature", this.signature)
			.toJson();
	}

	/**
	 * Reads a checkpoint as published.
	 * @param json the record value
	 * @return the checkpoint, or {@code null} if the value is not one
	 */
	static Checkpoint fromJson(String json) {
		try {
			Document document = Document.parse(json);
			return new Checkpoint(document.get("seq", Number.class).longValue(), document.getString("hash"),
					Instant.parse(document.getString("time")), document.getString("signature"));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
