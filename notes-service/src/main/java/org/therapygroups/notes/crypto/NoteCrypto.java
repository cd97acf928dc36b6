package org.therapygroups.notes.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Envelope encryption of note content with Google Tink.
 * <p>
 * Data keys (AES-256-GCM, a Tink keyset that may hold several keys) live in MongoDB only
 * wrapped by the key-encryption key, which comes from outside the database (see
 * {@link KeyEncryptionKey}). Each content field is encrypted with the keyset's primary
 * key and the associated data {@code noteId NUL fieldPath}, so a ciphertext copied into
 * another note or another field fails to decrypt. The key id is stored beside every
 * ciphertext ({@link Sealed#kid()}).
 * <p>
 * Rotation adds a new primary key to the keyset (a compare-and-set on the keyset
 * document's version): new writes use it at once, old ciphertexts stay readable with the
 * old keys, nothing has to be re-encrypted and nothing stops. Other instances pick the
 * new keyset up within a minute, or at once when they meet a key id they do not know.
 * <p>
 * Tags are searchable through a blind index: a keyed hash (HMAC-SHA256 PRF, its own
 * keyset, also wrapped by the KEK) of the normalised tag, so equal tags give equal tokens
 * and the database never holds the tag itself.
 */
@Component
@EnableConfigurationProperties(CryptoProperties.class)
public class NoteCrypto {

	static final String COLLECTION = "crypto_keysets";

	static final String CONTENT = "content";

	static final String BLIND_INDEX = "blind-index";

	private static final Logger log = LoggerFactory.getLogger(NoteCrypto.class);

	private static final int BLIND_INDEX_BYTES = 16;

	private final MongoTemplate mongo;

	private final Protection protection;

	private Aead kek;

	private volatile Keys content;

	private volatile PrfSet blindIndex;

	private record Keys(KeysetHandle handle, Aead aead, long version, List<Integer> keyIds) {

		int primaryKeyId() {
			return this.handle.getPrimary().getId();
		}

	}

	NoteCrypto(MongoTemplate mongo, CryptoProperties properties, Protection protection) {
		this.mongo = mongo;
		this.protection = protection;
		try {
			AeadConfig.register();
			PrfConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink cannot be initialised", ex);
		}
		if (protection.isOn()) {
			// fail at start, not at the first note: a service without its KEK is useless
			this.kek = KeyEncryptionKey.load(properties);
		}
	}

	/**
	 * Encrypts one content field.
	 * @param noteId the note the field belongs to
	 * @param field the field's path in the note, e.g. {@code members.<patientId>.process}
	 * @param plaintext the content
	 * @return the ciphertext and its key id
	 */
	public Sealed seal(String noteId, String field, byte[] plaintext) {
		if (!this.protection.isOn()) {
			return new Sealed(0, plaintext);
		}
		Keys keys = content();
		try {
			return new Sealed(keys.primaryKeyId(), keys.aead().encrypt(plaintext, associatedData(noteId, field)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encrypting " + field + " of note " + noteId + " failed", ex);
		}
	}

	/**
	 * Decrypts one content field.
	 * @param noteId the note the field belongs to
	 * @param field the field's path in the note
	 * @param sealed what {@link #seal} returned
	 * @return the content
	 * @throws ContentUnreadableException if it does not decrypt for this note and field
	 */
	public byte[] open(String noteId, String field, Sealed sealed) {
		if (sealed.kid() == 0) {
			if (this.protection.isOn()) {
				throw new ContentUnreadableException(field + " of note " + noteId + " is not encrypted", null);
			}
			return sealed.ct();
		}
		Keys keys = content();
		if (!keys.keyIds().contains(sealed.kid())) {
			// written after a rotation by another instance
			keys = reloadContent();
		}
		try {
			return keys.aead().decrypt(sealed.ct(), associatedData(noteId, field));
		}
		catch (GeneralSecurityException ex) {
			throw new ContentUnreadableException(
					field + " of note " + noteId + " does not decrypt with key " + sealed.kid(), ex);
		}
	}

	/**
	 * The blind-index token of a tag.
	 * @param kind what the tag is, e.g. {@code theme} or {@code defense}, so equal words
	 * of different kinds do not match
	 * @param value the tag as written; case, accents' composition and spacing do not
	 * matter
	 * @return a hex token
	 */
	public String blindIndex(String kind, String value) {
		byte[] input = (kind + ":" + normalize(value)).getBytes(StandardCharsets.UTF_8);
		if (!this.protection.isOn()) {
			return kind + ":" + normalize(value);
		}
		try {
			return HexFormat.of().formatHex(blindIndexPrf().computePrimary(input, BLIND_INDEX_BYTES));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Computing a blind index failed", ex);
		}
	}

	static String normalize(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC)
			.strip()
			.replaceAll("\\s+", " ")
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * Makes a new data key the primary one; existing ciphertexts keep their keys.
	 * @return the keys after the rotation
	 */
	public synchronized KeyStatus rotate() {
		requireProtection();
		for (int attempt = 0; attempt < 5; attempt++) {
			Keys current = reloadContent();
			try {
				KeysetHandle rotated = KeysetHandle.newBuilder(current.handle())
					.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
						.withRandomId()
						.makePrimary())
					.build();
				Query sameVersion = Query.query(Criteria.where("_id").is(CONTENT).and("version").is(current.version()));
				Update update = new Update().set("keyset", wrap(rotated, CONTENT))
					.set("version", current.version() + 1)
					.set("primaryKeyId", rotated.getPrimary().getId())
					.set("keyIds", keyIds(rotated))
					.set("updatedAt", new Date());
				if (this.mongo.updateFirst(sameVersion, update, COLLECTION).getModifiedCount() == 1) {
					Keys keys = reloadContent();
					log.info("Rotated the notes data keys: primary key {} of {}", keys.primaryKeyId(), keys.keyIds());
					return status(keys);
				}
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Rotating the notes data keys failed", ex);
			}
		}
		throw new IllegalStateException("Rotating the notes data keys lost the race five times");
	}

	/**
	 * The data keys in use.
	 * @return primary and all key ids
	 */
	public KeyStatus status() {
		requireProtection();
		return status(content());
	}

	private static KeyStatus status(Keys keys) {
		return new KeyStatus(keys.primaryKeyId(), keys.keyIds(), keys.version());
	}

	/**
	 * The keys as they are, for operators: never any key material.
	 *
	 * @param primaryKeyId the key new writes use
	 * @param keyIds every key that can still decrypt
	 * @param version how many times the keyset changed since it was created, plus one
	 */
	public record KeyStatus(int primaryKeyId, List<Integer> keyIds, long version) {

	}

	/** Another instance may have rotated: look again now and then. */
	@Scheduled(fixedDelayString = "${therapy.notes.crypto.refresh-interval:60s}")
	void refresh() {
		if (this.protection.isOn() && this.content != null) {
			try {
				reloadContent();
			}
			catch (RuntimeException ex) {
				log.warn("Refreshing the notes data keys failed, will retry: {}", ex.getClass().getSimpleName());
			}
		}
	}

	private void requireProtection() {
		if (!this.protection.isOn()) {
			throw new IllegalStateException("no keys in benchmark mode");
		}
	}

	private Keys content() {
		Keys keys = this.content;
		return (keys != null) ? keys : reloadContent();
	}

	private synchronized Keys reloadContent() {
		try {
			KeysetHandle handle = loadOrCreate(CONTENT, PredefinedAeadParameters.AES256_GCM);
			Document stored = this.mongo.findById(CONTENT, Document.class, COLLECTION);
			long version = (stored != null) ? stored.get("version", Number.class).longValue() : 1;
			Keys keys = new Keys(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), version,
					keyIds(handle));
			this.content = keys;
			return keys;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The notes data keys cannot be unwrapped with the key-encryption key", ex);
		}
	}

	private PrfSet blindIndexPrf() throws GeneralSecurityException {
		PrfSet prf = this.blindIndex;
		if (prf == null) {
			synchronized (this) {
				if (this.blindIndex == null) {
					this.blindIndex = loadOrCreate(BLIND_INDEX, PredefinedPrfParameters.HMAC_SHA256_PRF)
						.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
				}
				prf = this.blindIndex;
			}
		}
		return prf;
	}

	private KeysetHandle loadOrCreate(String id, Parameters parameters) throws GeneralSecurityException {
		Document stored = this.mongo.findById(id, Document.class, COLLECTION);
		if (stored == null) {
			KeysetHandle created = KeysetHandle.generateNew(parameters);
			Document document = new Document("_id", id).append("keyset", wrap(created, id))
				.append("version", 1L)
				.append("primaryKeyId", created.getPrimary().getId())
				.append("keyIds", keyIds(created))
				.append("createdAt", Date.from(Instant.now()))
				.append("updatedAt", Date.from(Instant.now()));
			try {
				this.mongo.insert(document, COLLECTION);
				log.info("Created the notes {} keyset", id);
				return created;
			}
			catch (DuplicateKeyException ex) {
				// another instance created it first: use theirs
				stored = this.mongo.findById(id, Document.class, COLLECTION);
			}
		}
		return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.getString("keyset"), this.kek,
				keysetAssociatedData(id));
	}

	private String wrap(KeysetHandle handle, String id) throws GeneralSecurityException {
		return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, this.kek, keysetAssociatedData(id));
	}

	private static List<Integer> keyIds(KeysetHandle handle) {
		List<Integer> ids = new ArrayList<>();
		for (int i = 0; i < handle.size(); i++) {
			ids.add(handle.getAt(i).getId());
		}
		return List.copyOf(ids);
	}

	private static byte[] keysetAssociatedData(String id) {
		return ("therapy-notes/keyset/" + id).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] associatedData(String noteId, String field) {
		return (noteId + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
	}

}
