package org.therapygroups.notes.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit trail's keys come from. Like the key-encryption key they never live in
 * MongoDB: each is a Tink JSON keyset in the environment or in a file.
 *
 * @param macKey the MAC keyset (environment {@code NOTES_AUDIT_MAC_KEY}); takes
 * precedence over the file
 * @param macKeyFile the file holding it ({@code NOTES_AUDIT_MAC_KEY_FILE})
 * @param signingKey the checkpoint signing keyset with its private keys
 * ({@code NOTES_AUDIT_SIGNING_KEY})
 * @param signingKeyFile the file holding it ({@code NOTES_AUDIT_SIGNING_KEY_FILE})
 */
@ConfigurationProperties("therapy.notes.crypto.audit")
public record AuditKeyProperties(String macKey, Path macKeyFile, String signingKey, Path signingKeyFile) {

}
