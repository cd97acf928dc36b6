package org.therapygroups.notes.crypto;

import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;

/**
 * Loads the key-encryption key from outside the database: the {@code NOTES_KEK} value or
 * the {@code NOTES_KEK_FILE} file, each either a Tink JSON keyset (AEAD) or 32 bytes of
 * base64. Only a local stack lets the service generate the file when it is missing.
 */
final class KeyEncryptionKey {

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
		return KeyMaterial.load("notes key-encryption key", properties.kek(), properties.kekFile(),
				properties.generateKekIfMissing(), PredefinedAeadParameters.AES256_GCM, "NOTES_KEK_FILE or NOTES_KEK");
	}

	static Aead parse(String material) throws GeneralSecurityException {
		if (material.startsWith("{")) {
			return KeyMaterial.parseKeyset(material).getPrimitive(RegistryConfiguration.get(), Aead.class);
		}
		byte[] raw = Base64.getDecoder().decode(material);
		if (raw.length != 32) {
			throw new GeneralSecurityException("a raw key-encryption key must be 32 bytes");
		}
		return new AesGcmJce(raw);
	}

}
