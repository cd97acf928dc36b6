package org.therapygroups.notes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import org.therapygroups.events.Topics;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupDefinition;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.notes.NoteFixtures;
import org.therapygroups.notes.NotesServiceApplication;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.note.MemberContent;
import org.therapygroups.notes.note.NoteDrafts;
import org.therapygroups.notes.note.NoteReading;
import org.therapygroups.notes.note.NoteSigning;
import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * Writes, signs and reads back member entries through the service layer (validation,
 * encryption, audit chain, outbox, MongoDB wire protocol to mongo-java-server, a real
 * Kafka broker), then repeats the run with encryption and auditing switched off by the
 * benchmark-only switch, and prints ops/s, p50 and p99 per operation and the cost ratio.
 * Not a test: its name keeps surefire from running it by default. Run it with
 * {@code ./bench notes}.
 */
class NotesBenchmark {

	private static final int NOTES = Integer.getInteger("bench.notes", 1000);

	private static final int MEMBERS = Integer.getInteger("bench.members", 10);

	private static final int WARMUP_NOTES = Integer.getInteger("bench.warmup", 100);

	@Test
	void writeSignAndReadBack() throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.IDENTITY, Topics.SESSIONS,
				Topics.NOTES, "identity.events.dlt", "sessions.events.dlt");
		broker.afterPropertiesSet();
		try {
			Map<String, Result> protectedRun = run(broker, false);
			Map<String, Result> unprotectedRun = run(broker, true);
			report(protectedRun, unprotectedRun);
		}
		finally {
			broker.destroy();
		}
	}

	private Map<String, Result> run(EmbeddedKafkaKraftBroker broker, boolean unprotected) throws Exception {
		MongoServer mongo = new MongoServer(new MemoryBackend());
		int port = mongo.bind().getPort();
		// command-line arguments: they win over application.yml's environment defaults
		String[] arguments = { "--spring.mongodb.uri=mongodb://127.0.0.1:" + port, "--spring.mongodb.database=bench",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
				"--therapy.notes.crypto.kek-file=target/bench-notes-kek.json",
				"--therapy.notes.crypto.generate-kek-if-missing=true", "--logging.level.root=WARN",
				"--therapy.notes.benchmark.enabled=true", "--therapy.notes.benchmark.unprotected=" + unprotected };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NotesServiceApplication.class)
			.run(arguments)) {
			Services notes = new Services(context.getBean(NoteDrafts.class), context.getBean(NoteSigning.class),
					context.getBean(NoteReading.class));
			SessionsReadModel model = context.getBean(SessionsReadModel.class);
			JsonMapper json = context.getBean(JsonMapper.class);
			Map<String, Object> fixture = NoteFixtures.psychodynamicEntry("abandonment", "shame");
			MemberContent entry = new MemberContent(json.valueToTree(fixture.get("progress")),
					json.valueToTree(fixture.get("process")));
			workload(notes, model, entry, WARMUP_NOTES, null);
			Map<String, Result> results = new LinkedHashMap<>();
			long started = System.nanoTime();
			workload(notes, model, entry, NOTES, results);
			double seconds = (System.nanoTime() - started) / 1e9;
			results.put("total", new Result(new long[] { (long) (seconds * 1e9) }, seconds));
			return results;
		}
		finally {
			mongo.shutdownNow();
		}
	}

	private static void workload(Services notes, SessionsReadModel model, MemberContent entry, int noteCount,
			Map<String, Result> results) {
		String therapist = UUID.randomUUID().toString();
		Actor actor = new Actor(therapist, Set.of("therapist"));
		String groupId = UUID.randomUUID().toString();
		model.groupDefined(groupId, new GroupDefinition("program", "Bench group", "PSYCHODYNAMIC", "UTC",
				List.of(new Facilitator(therapist, "LEAD")), null), Instant.now());
		List<String> patients = new ArrayList<>();
		List<RosterEntry> roster = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			String patient = UUID.randomUUID().toString();
			patients.add(patient);
			roster.add(new RosterEntry(patient, AttendanceStatus.PRESENT));
		}
		long[] writes = new long[noteCount * MEMBERS];
		long[] signs = new long[noteCount];
		long[] reads = new long[noteCount * MEMBERS];
		Instant start = Instant.now().minus(noteCount + 1, ChronoUnit.HOURS);
		for (int n = 0; n < noteCount; n++) {
			String sessionId = UUID.randomUUID().toString();
			notes.drafts()
				.openFromCompletedSession(new SessionCompleted(sessionId, groupId, "program", "PSYCHODYNAMIC",
						start.plus(n, ChronoUnit.HOURS), start.plus(n, ChronoUnit.HOURS).plusSeconds(5400), roster,
						List.of(therapist)));
			String noteId = notes.reading().findForSession(actor, sessionId).noteId();
			long version = 1;
			for (int m = 0; m < MEMBERS; m++) {
				long t0 = System.nanoTime();
				// each member's entry is new: at version 0; the note's version is what
				// signing names
				version = notes.drafts().saveMember(actor, noteId, patients.get(m), 0, entry).version();
				writes[n * MEMBERS + m] = System.nanoTime() - t0;
			}
			long t0 = System.nanoTime();
			notes.signing().sign(actor, noteId, version);
			signs[n] = System.nanoTime() - t0;
			for (int m = 0; m < MEMBERS; m++) {
				long t1 = System.nanoTime();
				notes.reading().readMember(actor, noteId, patients.get(m));
				reads[n * MEMBERS + m] = System.nanoTime() - t1;
			}
		}
		if (results != null) {
			results.put("write entry", new Result(writes, 0));
			results.put("sign note (" + MEMBERS + " entries)", new Result(signs, 0));
			results.put("read entry", new Result(reads, 0));
		}
	}

	private static void report(Map<String, Result> on, Map<String, Result> off) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "notes-service benchmark: %d notes x %d member entries = %d entries%n",
				NOTES, MEMBERS, NOTES * MEMBERS));
		out.append(String.format(Locale.ROOT,
				"(service layer, mongo-java-server in memory over the wire protocol, "
						+ "embedded Kafka broker, %d cores, %s)%n%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		out.append(String.format(Locale.ROOT, "%-26s %8s %10s %9s %9s | %10s %9s %9s | %9s%n", "operation", "count",
				"ops/s", "p50 ms", "p99 ms", "ops/s off", "p50 off", "p99 off", "cost x"));
		for (String operation : on.keySet()) {
			if (operation.equals("total")) {
				continue;
			}
			Result a = on.get(operation);
			Result b = off.get(operation);
			out.append(String.format(Locale.ROOT, "%-26s %8d %10.0f %9.2f %9.2f | %10.0f %9.2f %9.2f | %9.2f%n",
					operation, a.count(), a.opsPerSecond(), a.percentile(50), a.percentile(99), b.opsPerSecond(),
					b.percentile(50), b.percentile(99), a.mean() / b.mean()));
		}
		double totalOn = on.get("total").seconds();
		double totalOff = off.get("total").seconds();
		out.append(String.format(Locale.ROOT,
				"%nwhole run: %.1f s with encryption and auditing, %.1f s without: cost ratio %.2f%n", totalOn,
				totalOff, totalOn / totalOff));
		System.out.println(out);
		Files.writeString(Path.of("target", "bench-notes.txt"), out.toString());
	}

	/** The note services the workload goes through, as the HTTP API would. */
	private record Services(NoteDrafts drafts, NoteSigning signing, NoteReading reading) {

	}

	private record Result(long[] nanos, double seconds) {

		Result {
			nanos = nanos.clone();
			Arrays.sort(nanos);
		}

		int count() {
			return this.nanos.length;
		}

		double mean() {
			return Arrays.stream(this.nanos).average().orElse(0);
		}

		double opsPerSecond() {
			return this.nanos.length / (Arrays.stream(this.nanos).sum() / 1e9);
		}

		double percentile(int p) {
			int index = (int) Math.ceil(p / 100.0 * this.nanos.length) - 1;
			return this.nanos[Math.max(0, Math.min(index, this.nanos.length - 1))] / 1e6;
		}

	}

}
