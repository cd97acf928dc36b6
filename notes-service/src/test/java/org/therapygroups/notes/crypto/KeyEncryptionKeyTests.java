package org.therapygroups.notes.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AeadConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the KEK comes from, and that only the benchmark can switch protection off. */
class KeyEncryptionKeyTests {

	@BeforeAll
	static void tink() throws Exception {
		AeadConfig.register();
	}

	@Test
	void aRawBase64KeyFromTheEnvironmentWorks() throws Exception {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Aead kek = KeyEncryptionKey.load(new CryptoProperties(Base64.getEncoder().encodeToString(key), null, false));
		byte[] data = "x".getBytes(StandardCharsets.UTF_8);
		assertThat(kek.decrypt(kek.encrypt(data, new byte[0]), new byte[0])).isEqualTo(data);
	}

	@Test
	void aMissingFileIsGeneratedOnceAndThenReused(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("keys/notes-kek.json");
		Aead first = KeyEncryptionKey.load(new CryptoProperties(null, file, true));
		String generated = Files.readString(file);
		assertThat(generated).contains("primaryKeyId");
		assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
		Aead second = KeyEncryptionKey.load(new CryptoProperties(null, file, true));
		assertThat(Files.readString(file)).isEqualTo(generated);
		byte[] ciphertext = first.encrypt("y".getBytes(StandardCharsets.UTF_8), new byte[0]);
		assertThat(second.decrypt(ciphertext, new byte[0])).isEqualTo("y".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void protectionIsOffOnlyWithBothBenchmarkProperties() {
		assertThat(new Protection(new MockEnvironment()).isOn()).isTrue();
		assertThat(new Protection(new MockEnvironment().withProperty("therapy.notes.benchmark.unprotected", "true"))
			.isOn()).isTrue();
		assertThat(new Protection(new MockEnvironment().withProperty("therapy.notes.benchmark.enabled", "true")).isOn())
			.isTrue();
		assertThat(new Protection(new MockEnvironment().withProperty("therapy.notes.benchmark.enabled", "true")
			.withProperty("therapy.notes.benchmark.unprotected", "true")).isOn()).isFalse();
	}

}
