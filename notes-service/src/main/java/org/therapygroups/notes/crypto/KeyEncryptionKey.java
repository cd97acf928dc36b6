package org.therapygroups.notes.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the key-encryption key from outside the database: the {@code NOTES_KEK} value or
 * the {@code NOTES_KEK_FILE} file, each either a Tink JSON keyset (AEAD) or 32 bytes of
 * base64. Only a local stack lets the service generate the file when it is missing.
 */
final class KeyEncryptionKey {

	private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);

	private KeyEncryptionKey() {
	}

	static Aead load(CryptoProperties properties) {
		String material = material(properties);
		try {
			return parse(material);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// the message could quote key material: name the type only
			throw new IllegalStateException("The notes key-encryption key cannot be read ("
					+ ex.getClass().getSimpleName() + "): expected a Tink JSON keyset or 32 bytes in base64");
		}
	}

	private static String material(CryptoProperties properties) {
		if (properties.kek() != null && !properties.kek().isBlank()) {
			return properties.kek().strip();
		}
		Path file = properties.kekFile();
		if (file == null || file.toString().isBlank()) {
			throw new IllegalStateException("No key-encryption key for notes: set NOTES_KEK_FILE or NOTES_KEK");
		}
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			if (!properties.generateKekIfMissing()) {
				throw new IllegalStateException("The notes key-encryption key file " + file.toAbsolutePath()
						+ " does not exist and generating one is switched off");
			}
			return generate(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the notes key-encryption key file " + file, ex);
		}
	}

	private static String generate(Path file) throws IOException {
		String keyset;
		try {
			keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
					KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a key-encryption key", ex);
		}
		if (file.toAbsolutePath().getParent() != null) {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, keyset, StandardCharsets.UTF_8);
		try {
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the directory's protection has to do
		}
		// another instance may have won the race: keep whichever file exists first
		try {
			Files.move(temporary, file);
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			Files.deleteIfExists(temporary);
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		log.warn("Generated a new notes key-encryption key at {}: fine for a local stack; in production provide "
				+ "NOTES_KEK_FILE from a secret store and set NOTES_KEK_GENERATE=false", file.toAbsolutePath());
		return keyset;
	}

	static Aead parse(String material) throws GeneralSecurityException {
		if (material.startsWith("{")) {
			return TinkJsonProtoKeysetFormat.parseKeyset(material, InsecureSecretKeyAccess.get())
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
		}
		byte[] raw = Base64.getDecoder().decode(material);
		if (raw.length != 32) {
			throw new GeneralSecurityException("a raw key-encryption key must be 32 bytes");
		}
		return new AesGcmJce(raw);
	}

}
