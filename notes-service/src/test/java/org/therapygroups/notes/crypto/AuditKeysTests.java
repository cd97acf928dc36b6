package org.therapygroups.notes.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit keys: from outside the database, generated only locally, rotatable. */
class AuditKeysTests {

	private static final byte[] CHECKPOINT = "checkpoint".getBytes(StandardCharsets.UTF_8);

	@BeforeAll
	static void tink() throws Exception {
		MacConfig.register();
		SignatureConfig.register();
	}

	@Test
	void missingKeysAreGeneratedOnceOnALocalStackAndThenReused(@TempDir Path dir) throws Exception {
		AuditKeyProperties files = new AuditKeyProperties(null, dir.resolve("mac.json"), null,
				dir.resolve("signing.json"));
		AuditKeys first = keys(files, true);
		AuditKeys second = keys(files, true);
		String mac = first.mac(7, "h");
		assertThat(second.verifies(7, "h", mac)).isTrue();
		assertThat(second.verifies(8, "h", mac)).isFalse();
		assertThat(second.verifies(7, "other", mac)).isFalse();
		assertThat(AuditKeys.publicVerifier(second.publicKeyset()).verifies(first.sign(CHECKPOINT), CHECKPOINT))
			.isTrue();
		assertThat(Files.readString(dir.resolve("signing.json"))).contains("ASYMMETRIC_PRIVATE");
		assertThat(second.publicKeyset()).contains("ASYMMETRIC_PUBLIC").doesNotContain("PRIVATE");
	}

	@Test
	void withoutGenerationAMissingKeyStopsTheService(@TempDir Path dir) {
		assertThatThrownBy(
				() -> keys(new AuditKeyProperties(null, dir.resolve("mac.json"), null, dir.resolve("signing.json")),
						false))
			.hasMessageContaining("does not exist");
	}

	@Test
	void afterARotationOlderEntriesAndCheckpointsStillVerify() throws Exception {
		KeysetHandle mac = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
		KeysetHandle signing = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
		AuditKeys before = keys(new AuditKeyProperties(json(mac), null, json(signing), null), false);
		String oldMac = before.mac(1, "h1");
		String oldSignature = before.sign(CHECKPOINT);

		// the operator adds a new primary key to each keyset and keeps the old ones
		KeysetHandle rotatedMac = KeysetHandle.newBuilder(mac)
			.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedMacParameters.HMAC_SHA256_256BITTAG)
				.withRandomId()
				.setStatus(KeyStatus.ENABLED)
				.makePrimary())
			.build();
		KeysetHandle rotatedSigning = KeysetHandle.newBuilder(signing)
			.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedSignatureParameters.ED25519)
				.withRandomId()
				.setStatus(KeyStatus.ENABLED)
				.makePrimary())
			.build();
		// given as base64 this time, as one environment variable carries it
		AuditKeys after = keys(
				new AuditKeyProperties(base64(json(rotatedMac)), null, base64(json(rotatedSigning)), null), false);
		assertThat(after.verifies(1, "h1", oldMac)).isTrue();
		assertThat(after.mac(1, "h1")).isNotEqualTo(oldMac);
		SignatureCheck auditor = AuditKeys.publicVerifier(after.publicKeyset());
		assertThat(auditor.verifies(oldSignature, CHECKPOINT)).isTrue();
		assertThat(auditor.verifies(after.sign(CHECKPOINT), CHECKPOINT)).isTrue();
		// a key the keyset never held does not verify
		AuditKeys stranger = keys(
				new AuditKeyProperties(json(KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG)),
						null, json(KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519)), null),
				false);
		assertThat(after.verifies(1, "h1", stranger.mac(1, "h1"))).isFalse();
		assertThat(auditor.verifies(stranger.sign(CHECKPOINT), CHECKPOINT)).isFalse();
	}

	private static AuditKeys keys(AuditKeyProperties properties, boolean generate) {
		return new AuditKeys(properties, new CryptoProperties(null, null, generate),
				new Protection(new MockEnvironment()));
	}

	private static String json(KeysetHandle handle) throws Exception {
		return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
	}

	private static String base64(String json) {
		return java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
