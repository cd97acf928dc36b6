package org.therapygroups.notes.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption key (KEK) comes from. It never lives in MongoDB: the database
 * holds only data keysets wrapped by it.
 *
 * @param kek the KEK itself (environment {@code NOTES_KEK}): a Tink JSON keyset, or 32
 * random bytes in base64; takes precedence over the file
 * @param kekFile a file holding the KEK in the same forms (environment
 * {@code NOTES_KEK_FILE})
 * @param generateKekIfMissing create {@code kekFile} with a new key when neither is there
 * (local stack only: a generated key that is lost makes every note unreadable)
 */
@ConfigurationProperties("therapy.notes.crypto")
public record CryptoProperties(String kek, Path kekFile, boolean generateKekIfMissing) {

}
