package org.therapygroups.notes.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret key material that never lives in MongoDB: a value from the environment, else a
 * file (from a secret store in production). Only a local stack lets the service generate
 * the file when it is missing, as a Tink JSON keyset of the given parameters.
 */
public final class KeyMaterial {

	private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);

	private KeyMaterial() {
	}

	/**
	 * The key material.
	 * @param name what the key is, for messages (never the key itself)
	 * @param value the key itself, taking precedence over the file; may be blank
	 * @param file the file holding it
	 * @param generateIfMissing whether to create the file when it does not exist
	 * @param parameters what a generated keyset holds
	 * @param variable the environment variables that set it, for messages
	 * @return the stripped material
	 */
	public static String load(String name, String value, Path file, boolean generateIfMissing, Parameters parameters,
			String variable) {
		if (value != null && !value.isBlank()) {
			return value.strip();
		}
		if (file == null || file.toString().isBlank()) {
			throw new IllegalStateException("No " + name + ": set " + variable);
		}
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			if (!generateIfMissing) {
				throw new IllegalStateException("The " + name + " file " + file.toAbsolutePath()
						+ " does not exist and generating one is switched off");
			}
			return generate(name, file, parameters);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the " + name + " file " + file, ex);
		}
	}

	/**
	 * A secret Tink JSON keyset.
	 * @param material the JSON
	 * @return the keyset
	 * @throws GeneralSecurityException if it is not one
	 */
	public static KeysetHandle parseKeyset(String material) throws GeneralSecurityException {
		return TinkJsonProtoKeysetFormat.parseKeyset(material, InsecureSecretKeyAccess.get());
	}

	private static String generate(String name, Path file, Parameters parameters) throws IOException {
		String keyset;
		try {
			keyset = TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(parameters),
					InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + name, ex);
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
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(temporary);
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		log.warn("Generated a new {} at {}: fine for a local stack; in production provide it from a secret store "
				+ "and set NOTES_KEK_GENERATE=false", name, file.toAbsolutePath());
		return keyset;
	}

}
