package org.therapygroups.notes.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The audit trail's two secrets, neither ever in the database: the HMAC-SHA256 key every
 * entry is tagged with (only the service can write an entry that verifies), and the
 * Ed25519 key the checkpoints are signed with (anyone with the public key can check
 * them). Both are Tink keysets: rotating one means adding a new primary key and keeping
 * the old ones, and since every tag and signature starts with the id of the key that made
 * it, older entries and checkpoints still verify.
 */
@Component
@EnableConfigurationProperties(AuditKeyProperties.class)
public class AuditKeys implements EntryMac, SignatureCheck {

	private final Mac mac;

	private final PublicKeySign signer;

	private final PublicKeyVerify verifier;

	private final String publicKeyset;

	@Autowired
	AuditKeys(AuditKeyProperties properties, CryptoProperties crypto, Protection protection) {
		this(properties, crypto, protection.isOn());
	}

	private AuditKeys(AuditKeyProperties properties, CryptoProperties crypto, boolean on) {
		register();
		if (!on) {
			this.mac = null;
			this.signer = null;
			this.verifier = null;
			this.publicKeyset = null;
			return;
		}
		boolean generate = crypto.generateKekIfMissing();
		try {
			this.mac = KeyMaterial
				.parseKeyset(json(KeyMaterial.load("notes audit MAC key", properties.macKey(), properties.macKeyFile(),
						generate, PredefinedMacParameters.HMAC_SHA256_256BITTAG,
						"NOTES_AUDIT_MAC_KEY_FILE or NOTES_AUDIT_MAC_KEY")))
				.getPrimitive(RegistryConfiguration.get(), Mac.class);
			KeysetHandle signing = KeyMaterial.parseKeyset(json(KeyMaterial.load("notes audit signing key",
					properties.signingKey(), properties.signingKeyFile(), generate,
					PredefinedSignatureParameters.ED25519, "NOTES_AUDIT_SIGNING_KEY_FILE or NOTES_AUDIT_SIGNING_KEY")));
			this.signer = signing.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
			KeysetHandle publicHandle = signing.getPublicKeysetHandle();
			this.verifier = publicHandle.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
			this.publicKeyset = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(publicHandle);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// the message could quote key material: name the type only
			throw new IllegalStateException("The notes audit keys cannot be read (" + ex.getClass().getSimpleName()
					+ "): expected Tink JSON keysets (HMAC for the MAC key, a signature keyset for signing)");
		}
	}

	/**
	 * Keys given directly, for tools that hold them themselves (benchmarks, tests).
	 * @param macKeyset the MAC keyset as Tink JSON
	 * @param signingKeyset the signing keyset as Tink JSON
	 * @return the keys
	 */
	public static AuditKeys of(String macKeyset, String signingKeyset) {
		return new AuditKeys(new AuditKeyProperties(macKeyset, null, signingKeyset, null),
				new CryptoProperties(null, null, false), true);
	}

	/** A keyset as JSON, or as that JSON in base64 (easier to pass in one variable). */
	private static String json(String material) {
		return material.startsWith("{") ? material
				: new String(Base64.getDecoder().decode(material), StandardCharsets.UTF_8);
	}

	private static void register() {
		try {
			MacConfig.register();
			SignatureConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink cannot be initialised", ex);
		}
	}

	/**
	 * Reads a public verification keyset, as an outside auditor holds it.
	 * @param json the Tink JSON public keyset
	 * @return its checker
	 * @throws GeneralSecurityException if it is not a public signature keyset
	 */
	public static SignatureCheck publicVerifier(String json) throws GeneralSecurityException {
		register();
		PublicKeyVerify verifier = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json)
			.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
		return (signature, data) -> verifies(verifier, signature, data);
	}

	/**
	 * The MAC of an audit entry, over its sequence number and its hash (which covers the
	 * rest of the entry and its predecessor's hash).
	 * @param seq the entry's sequence number
	 * @param hash its hash
	 * @return the tag in base64, or {@code null} when protection is off
	 */
	public String mac(long seq, String hash) {
		if (this.mac == null) {
			return null;
		}
		try {
			return Base64.getEncoder().encodeToString(this.mac.computeMac(macInput(seq, hash)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The audit MAC cannot be computed", ex);
		}
	}

	@Override
	public boolean verifies(long seq, String hash, String tag) {
		if (tag == null || this.mac == null) {
			return false;
		}
		try {
			this.mac.verifyMac(Base64.getDecoder().decode(tag), macInput(seq, hash));
			return true;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Signs a checkpoint.
	 * @param data what to sign
	 * @return the signature in base64
	 * @throws GeneralSecurityException if signing fails
	 */
	public String sign(byte[] data) throws GeneralSecurityException {
		return Base64.getEncoder().encodeToString(this.signer.sign(data));
	}

	@Override
	public boolean verifies(String signature, byte[] data) {
		return this.verifier != null && verifies(this.verifier, signature, data);
	}

	private static boolean verifies(PublicKeyVerify verifier, String signature, byte[] data) {
		if (signature == null) {
			return false;
		}
		try {
			verifier.verify(Base64.getDecoder().decode(signature), data);
			return true;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The public half of the checkpoint signing keyset, for auditors.
	 * @return Tink JSON without any secret, or {@code null} when protection is off
	 */
	public String publicKeyset() {
		return this.publicKeyset;
	}

	private static byte[] macInput(long seq, String hash) {
		return (seq + "\u001f" + hash).getBytes(StandardCharsets.UTF_8);
	}

}
