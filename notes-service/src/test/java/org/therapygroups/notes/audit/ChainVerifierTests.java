package org.therapygroups.notes.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.therapygroups.notes.crypto.AuditKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification as an outside auditor runs it: an export, the checkpoints and the
 * public key, no MAC key. Each way of tampering is reported with where it starts.
 */
class ChainVerifierTests {

	private static AuditKeys keys;

	private static AuditKeys stranger;

	@BeforeAll
	static void keys() throws Exception {
		MacConfig.register();
		SignatureConfig.register();
		keys = AuditKeys.of(keyset(true), keyset(false));
		stranger = AuditKeys.of(keyset(true), keyset(false));
	}

	@Test
	void anIntactTrailIsAnchoredUpToTheNewestCheckpoint() {
		List<Document> chain = chain(50);
		List<String> checkpoints = List.of(checkpoint(chain, 20, keys), checkpoint(chain, 40, keys));
		Verification result = offline(chain, checkpoints);
		assertThat(result.valid()).as(String.valueOf(result)).isTrue();
		assertThat(result.checked()).isEqualTo(50);
		assertThat(result.anchoredTo()).isEqualTo(40);
		assertThat(result.unanchored()).isEqualTo(10);
		assertThat(result.checkpoints()).isEqualTo(2);
	}

	@Test
	void aRewrittenEntryWithTheChainRecomputedFailsAgainstTheCheckpoint() {
		List<Document> chain = chain(50);
		List<String> checkpoints = List.of(checkpoint(chain, 20, keys), checkpoint(chain, 40, keys));
		chain.get(29).put("userId", "someone-else");
		recompute(chain, 30);
		Verification result = offline(chain, checkpoints);
		assertThat(result.valid()).isFalse();
		assertThat(result.problem()).isEqualTo(Verification.REWRITTEN);
		// without the MAC key the rewrite is placed between the two checkpoints
		assertThat(result.seq()).isEqualTo(21);
		assertThat(result.detail()).contains("21 to 40");
		// the service, which holds the MAC key, names the entry itself
		Verification online = new ChainVerifier(keys, keys, checkpoints).full(chain.iterator(), 0);
		assertThat(online.problem()).isEqualTo(Verification.ALTERED);
		assertThat(online.seq()).isEqualTo(30);
	}

	@Test
	void theEndCutOffBelowACheckpointIsFound() {
		List<Document> chain = chain(50);
		List<String> checkpoints = List.of(checkpoint(chain, 45, keys));
		Verification result = offline(chain.subList(0, 42), checkpoints);
		assertThat(result.problem()).isEqualTo(Verification.REMOVED);
		assertThat(result.seq()).isEqualTo(43);
	}

	@Test
	void aForgedCheckpointIsReported() {
		List<Document> chain = chain(30);
		// signed with a key that is not the service's: claims a longer chain
		List<String> checkpoints = List.of(checkpoint(chain, 10, keys),
				Checkpoint.fromJson(checkpoint(chain, 20, stranger)).toJson().replace("\"seq\": 20", "\"seq\": 60"),
				"not a checkpoint");
		Verification result = offline(chain, checkpoints);
		assertThat(result.valid()).isFalse();
		assertThat(result.problem()).isEqualTo(Verification.FORGED_CHECKPOINT);
		assertThat(result.seq()).isEqualTo(60);
		assertThat(result.detail()).startsWith("2 checkpoint(s)");
		assertThat(result.anchoredTo()).isEqualTo(10);
	}

	@Test
	void removedSwappedAndChangedEntriesAreNamed() {
		List<Document> chain = chain(30);
		List<String> checkpoints = List.of(checkpoint(chain, 25, keys));
		List<Document> removed = new ArrayList<>(chain);
		removed.remove(11);
		assertThat(offline(removed, checkpoints)).extracting(Verification::problem, Verification::seq)
			.containsExactly(Verification.REMOVED, 12L);
		List<Document> swapped = copy(chain);
		Document a = swapped.get(14);
		Document b = swapped.get(15);
		Object aId = a.get("_id");
		a.put("_id", b.get("_id"));
		b.put("_id", aId);
		swapped.set(14, b);
		swapped.set(15, a);
		assertThat(offline(swapped, checkpoints)).extracting(Verification::problem, Verification::seq)
			.containsExactly(Verification.REORDERED, 15L);
		List<Document> changed = copy(chain);
		changed.get(4).put("action", "SIGN");
		assertThat(offline(changed, checkpoints)).extracting(Verification::problem, Verification::seq)
			.containsExactly(Verification.ALTERED, 5L);
	}

	@Test
	void theOfflineCommandReadsAnExportAndACheckpointFile(@TempDir Path dir) throws Exception {
		List<Document> chain = chain(20);
		Path export = dir.resolve("audit_log.json");
		Files.write(export, chain.stream().map(Document::toJson).toList());
		Path checkpoints = dir.resolve("checkpoints.json");
		Files.write(checkpoints, List.of(checkpoint(chain, 20, keys)));
		Path publicKey = dir.resolve("public.json");
		Files.writeString(publicKey, keys.publicKeyset());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = OfflineVerifier.run(new String[] { "--export", export.toString(), "--public-key",
				publicKey.toString(), "--checkpoints", checkpoints.toString() }, new PrintStream(out), System.err);
		assertThat(code).as(out.toString()).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"valid\": true", "\"anchoredTo\": 20");

		Files.writeString(publicKey, stranger.publicKeyset());
		out.reset();
		code = OfflineVerifier.run(new String[] { "--export", export.toString(), "--public-key", publicKey.toString(),
				"--checkpoints", checkpoints.toString() }, new PrintStream(out), System.err);
		assertThat(code).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("FORGED_CHECKPOINT");
		assertThat(OfflineVerifier.run(new String[] { "--export" }, new PrintStream(out), new PrintStream(out)))
			.isEqualTo(2);
	}

	private static Verification offline(List<Document> chain, List<String> checkpoints) {
		try {
			return new ChainVerifier(null, AuditKeys.publicVerifier(keys.publicKeyset()), checkpoints)
				.full(chain.iterator(), 0);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Document> chain(int size) {
		List<Document> chain = new ArrayList<>();
		String previous = AuditTrail.GENESIS;
		Instant start = Instant.parse("2026-11-01T08:00:00Z");
		for (int seq = 1; seq <= size; seq++) {
			AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), start.plusSeconds(seq), "user-" + seq,
					"therapist", List.of("patient-" + (seq % 3)), "note-" + seq, "READ", "SUCCESS");
			String hash = AuditTrail.hash(record, previous);
			chain.add(AuditTrail.entry(seq, record, previous, hash, keys.mac(seq, hash)));
			previous = hash;
		}
		return chain;
	}

	private static void recompute(List<Document> chain, long from) {
		String previous = chain.get((int) from - 2).getString("hash");
		for (int i = (int) from - 1; i < chain.size(); i++) {
			Document entry = chain.get(i);
			String hash = AuditTrail.hash(AuditTrail.recordOf(entry), previous);
			entry.put("prevHash", previous);
			entry.put("hash", hash);
			previous = hash;
		}
	}

	private static List<Document> copy(List<Document> chain) {
		return chain.stream()
			.map((entry) -> Document.parse(entry.toJson()))
			.toList()
			.stream()
			.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
	}

	private static String checkpoint(List<Document> chain, int seq, AuditKeys signer) {
		try {
			return Checkpoint.sign(seq, chain.get(seq - 1).getString("hash"), Instant.now(), signer).toJson();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String keyset(boolean mac) throws Exception {
		return TinkJsonProtoKeysetFormat.serializeKeyset(
				KeysetHandle.generateNew(
						mac ? PredefinedMacParameters.HMAC_SHA256_256BITTAG : PredefinedSignatureParameters.ED25519),
				InsecureSecretKeyAccess.get());
	}

}
