package org.therapygroups.notes.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.therapygroups.notes.crypto.AuditKeys;
import org.therapygroups.notes.crypto.SignatureCheck;

/**
 * Checks an export of the audit trail against the checkpoint topic with nothing but the
 * public verification key: no service, no database, no secret. Meant for an outside
 * auditor:
 *
 * <pre>
 * scripts/verify-audit.sh --export audit_log.json --public-key audit-public.json \
 *     (--kafka host:9092 | --checkpoints checkpoints.json)
 * </pre>
 *
 * The export is {@code mongoexport}'s JSON, one entry per line, ascending by {@code _id};
 * the checkpoints file one record value per line, oldest first (what
 * {@code kafka-console-consumer --from-beginning} prints). Every entry up to the newest
 * checkpoint is proven by it; the few after it are reported as {@code unanchored}. Exits
 * 0 when the trail holds, 1 when it does not, 2 on a usage or input error.
 */
public final class OfflineVerifier {

	private OfflineVerifier() {
	}

	public static void main(String[] args) {
		// outside Spring nothing configures logging: keep the Kafka client's chatter off
		if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i], args[i + 1]);
		}
		if (args.length % 2 != 0 || !options.containsKey("--export") || !options.containsKey("--public-key")
				|| (options.containsKey("--kafka") == options.containsKey("--checkpoints"))) {
			err.println("usage: verify-audit --export FILE --public-key FILE (--kafka BOOTSTRAP | --checkpoints FILE)");
			return 2;
		}
		try {
			SignatureCheck publicKey = AuditKeys
				.publicVerifier(Files.readString(Path.of(options.get("--public-key")), StandardCharsets.UTF_8));
			List<String> checkpoints = options.containsKey("--kafka") ? CheckpointTopic.readAll(options.get("--kafka"))
					: Files.readAllLines(Path.of(options.get("--checkpoints")), StandardCharsets.UTF_8)
						.stream()
						.filter((line) -> !line.isBlank())
						.toList();
			Verification verification;
			try (BufferedReader export = Files.newBufferedReader(Path.of(options.get("--export")),
					StandardCharsets.UTF_8)) {
				verification = new ChainVerifier(null, publicKey, checkpoints).full(lines(export), 0);
			}
			out.println(describe(verification));
			return verification.valid() ? 0 : 1;
		}
		catch (IOException | UncheckedIOException | GeneralSecurityException | IllegalStateException ex) {
			err.println("cannot verify: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return 2;
		}
	}

	static String describe(Verification verification) {
		Document result = new Document("valid", verification.valid()).append("checked", verification.checked())
			.append("checkpoints", verification.checkpoints())
			.append("anchoredTo", verification.anchoredTo())
			.append("unanchored", verification.unanchored());
		if (!verification.valid()) {
			result.append("seq", verification.seq())
				.append("problem", verification.problem())
				.append("detail", verification.detail());
		}
		return result.toJson();
	}

	private static Iterator<Document> lines(BufferedReader reader) {
		return new Iterator<>() {

			private String next = read();

			@Override
			public boolean hasNext() {
				return this.next != null;
			}

			@Override
			public Document next() {
				if (this.next == null) {
					throw new NoSuchElementException();
				}
				Document document = Document.parse(this.next);
				this.next = read();
				return document;
			}

			private String read() {
				try {
					String line;
					do {
						line = reader.readLine();
					}
					while (line != null && line.isBlank());
					return line;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

		};
	}

}
