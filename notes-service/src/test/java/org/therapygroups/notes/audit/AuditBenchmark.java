package org.therapygroups.notes.audit;

import java.io.BufferedWriter;
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
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import org.therapygroups.events.Topics;
import org.therapygroups.notes.crypto.AuditKeys;

/**
 * Verification at scale: builds an audit trail of {@code bench.audit.entries} entries
 * (1,000,000 by default) with a signed checkpoint every 1,000 on a real Kafka broker, in
 * a MongoDB wire-protocol server (mongo-java-server), then times the service's full
 * verification, the verification since the newest checkpoint, and the offline verifier on
 * an export. Not a test: its name keeps surefire from running it by default. Run it with
 * {@code ./bench audit}.
 */
class AuditBenchmark {

	private static final int ENTRIES = Integer.getInteger("bench.audit.entries", 1_000_000);

	private static final int CHECKPOINT_EVERY = 1000;

	private static final int BATCH = 5000;

	@Test
	void verifyAMillionEntries() throws Exception {
		MacConfig.register();
		SignatureConfig.register();
		AuditKeys keys = AuditKeys.of(keyset(PredefinedMacParameters.HMAC_SHA256_256BITTAG),
				keyset(PredefinedSignatureParameters.ED25519));
		StringBuilder out = new StringBuilder();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.AUDIT_CHECKPOINTS);
		broker.afterPropertiesSet();
		MongoServer server = new MongoServer(new MemoryBackend());
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
			CheckpointPublisher publisher = new CheckpointPublisher(broker.getBrokersAsString());
			MongoCollection<Document> log = client.getDatabase("bench").getCollection(AuditTrail.COLLECTION);

			long start = System.nanoTime();
			String previous = AuditTrail.GENESIS;
			Instant time = Instant.parse("2026-01-01T00:00:00Z");
			List<Document> batch = new ArrayList<>(BATCH);
			for (long seq = 1; seq <= ENTRIES; seq++) {
				AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), time.plusMillis(seq * 50),
						UUID.randomUUID().toString(), "therapist", List.of(UUID.randomUUID().toString()),
						UUID.randomUUID().toString(), "READ", "SUCCESS");
				String hash = AuditTrail.hash(record, previous);
				batch.add(AuditTrail.entry(seq, record, previous, hash, keys.mac(seq, hash)));
				if (seq % CHECKPOINT_EVERY == 0) {
					publisher.publish(Checkpoint.sign(seq, hash, Instant.now(), keys));
				}
				if (batch.size() == BATCH) {
					log.insertMany(batch);
					batch.clear();
				}
				previous = hash;
			}
			if (!batch.isEmpty()) {
				log.insertMany(batch);
			}
			double built = seconds(start);
			out.append(String.format("trail of %,d entries built (hash, MAC, insert; %,d checkpoints): %.1f s%n",
					ENTRIES, ENTRIES / CHECKPOINT_EVERY, built));
			save(out);

			for (int round = 1; round <= 2; round++) {
				start = System.nanoTime();
				List<String> checkpoints = publisher.readAll();
				double read = seconds(start);
				Verification full;
				try (MongoCursor<Document> entries = cursor(log, 1)) {
					full = new ChainVerifier(keys, keys, checkpoints).full(entries, 0);
				}
				double fullSeconds = seconds(start);
				check(full, ENTRIES);
				out.append(String.format(
						"full verification, run %d (%,d checkpoints read in %.2f s, every entry's hash, MAC, link and "
								+ "checkpoint): %.1f s, %,.0f entries/s%n",
						round, checkpoints.size(), read, fullSeconds, ENTRIES / fullSeconds));
				save(out);
			}

			for (int round = 1; round <= 3; round++) {
				start = System.nanoTime();
				ChainVerifier verifier = new ChainVerifier(keys, keys, publisher.readAll());
				Verification since;
				try (MongoCursor<Document> entries = cursor(log, verifier.newest().seq())) {
					since = verifier.sinceCheckpoint(entries, 0);
				}
				double sinceMs = seconds(start) * 1000;
				check(since, 1);
				out.append(String.format("verification since the newest checkpoint, run %d (%d entries): %.0f ms%n",
						round, since.checked(), sinceMs));
				save(out);
			}

			Path dir = Files.createDirectories(Path.of("target", "bench-audit"));
			Path export = dir.resolve("audit_log.json");
			start = System.nanoTime();
			try (BufferedWriter writer = Files.newBufferedWriter(export, StandardCharsets.UTF_8);
					MongoCursor<Document> entries = cursor(log, 1)) {
				while (entries.hasNext()) {
					writer.write(entries.next().toJson());
					writer.newLine();
				}
			}
			double exported = seconds(start);
			Path publicKey = Files.writeString(dir.resolve("audit-public.json"), keys.publicKeyset());
			ByteArrayOutputStream result = new ByteArrayOutputStream();
			start = System.nanoTime();
			int code = OfflineVerifier.run(new String[] { "--export", export.toString(), "--public-key",
					publicKey.toString(), "--kafka", broker.getBrokersAsString() }, new PrintStream(result),
					System.err);
			double offline = seconds(start);
			if (code != 0) {
				throw new IllegalStateException("offline verification failed: " + result);
			}
			out.append(String.format(
					"offline verifier (export of %.0f MB written in %.1f s; public key only): "
							+ "%.1f s, %,.0f entries/s%n",
					Files.size(export) / 1e6, exported, offline, ENTRIES / offline));
			save(out);
			Files.delete(export);
			publisher.destroy();
		}
		finally {
			server.shutdownNow();
			broker.destroy();
		}
		String report = "== audit benchmark ==\n" + out;
		System.out.print(report);
		Files.writeString(Path.of("target", "bench-audit.txt"), report);
	}

	/** Figures so far: a slow run interrupted still leaves what it measured. */
	private static void save(StringBuilder out) throws java.io.IOException {
		Files.writeString(Path.of("target", "bench-audit.txt"), "== audit benchmark ==\n" + out);
	}

	private static MongoCursor<Document> cursor(MongoCollection<Document> log, long from) {
		return log.find(new Document("_id", new Document("$gte", from)))
			.sort(new Document("_id", 1))
			.batchSize(10_000)
			.iterator();
	}

	private static void check(Verification verification, long atLeast) {
		if (!verification.valid() || verification.checked() < atLeast) {
			throw new IllegalStateException("verification failed: " + verification);
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static String keyset(com.google.crypto.tink.Parameters parameters) throws Exception {
		return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(parameters),
				InsecureSecretKeyAccess.get());
	}

}
