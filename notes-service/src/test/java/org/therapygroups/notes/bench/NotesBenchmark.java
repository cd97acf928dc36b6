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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import org.therapygroups.defaultdatabase.IdLookupMemoryBackend;
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
import org.therapygroups.notes.note.NoteViews.NoteView;
import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * Writes member entries, signs their notes and reads the notes back whole through the
 * service layer (validation, encryption, audit chain, outbox, MongoDB wire protocol to
 * mongo-java-server, in memory or the local stack's durable database process, a real
 * Kafka broker), then repeats the run with encryption and auditing switched off by the
 * benchmark-only switch, and prints p50, p99 and mean per operation, the entries per
 * second of each run and the cost ratio. A first pair of runs warms the JIT compiler up;
 * then {@code bench.rounds} pairs alternate, and the median of their rates is the figure.
 * Not a test: its name keeps surefire from running it by default. Run it with
 * {@code ./bench notes}.
 */
class NotesBenchmark {

	private static final int NOTES = Integer.getInteger("bench.notes", 1000);

	private static final int MEMBERS = Integer.getInteger("bench.members", 10);

	private static final int WARMUP_NOTES = Integer.getInteger("bench.warmup", 100);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	/** Therapists documenting at once, each their own group's sessions. */
	private static final int CLIENTS = Integer.getInteger("bench.clients", 4);

	/** The address of a running database; the engine in memory when not given. */
	private static final String DATABASE = System.getProperty("bench.mongo.uri");

	private int runs;

	@Test
	void writeSignAndReadBack() throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.IDENTITY, Topics.SESSIONS,
				Topics.NOTES, "identity.events.dlt", "sessions.events.dlt");
		broker.afterPropertiesSet();
		try {
			// the first pair only warms the JIT compiler up: otherwise the run that goes
			// first pays for compiling the code both share
			run(broker, false);
			run(broker, true);
			// then alternating rounds: this machine's speed drifts, a single pair can
			// mislead
			List<Run> protectedRuns = new ArrayList<>();
			List<Run> unprotectedRuns = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				protectedRuns.add(run(broker, false));
				unprotectedRuns.add(run(broker, true));
			}
			report(protectedRuns, unprotectedRuns);
		}
		finally {
			broker.destroy();
		}
	}

	private Run run(EmbeddedKafkaKraftBroker broker, boolean unprotected) throws Exception {
		// the local stack's database process when given (every write on the disk before
		// its answer), else the same engine in memory; a new database per run either way
		MongoServer mongo = (DATABASE == null) ? new MongoServer(new IdLookupMemoryBackend()) : null;
		String uri = (mongo != null) ? "mongodb://127.0.0.1:" + mongo.bind().getPort() : DATABASE;
		String database = "bench" + (++this.runs);
		// command-line arguments: they win over application.yml's environment defaults
		String[] arguments = { "--spring.mongodb.uri=" + uri, "--spring.mongodb.database=" + database,
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
				"--therapy.notes.crypto.kek-file=target/bench-notes-kek.json",
				"--therapy.notes.crypto.generate-kek-if-missing=true", "--logging.level.root=WARN",
				"--therapy.notes.benchmark.enabled=true", "--therapy.notes.benchmark.unprotected=" + unprotected };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NotesServiceApplication.class)
			.run(arguments)) {
			Services notes = new Services(context.getBean(NoteDrafts.class), context.getBean(NoteSigning.class),
					context.getBean(NoteReading.class), context.getBean(MongoTemplate.class));
			SessionsReadModel model = context.getBean(SessionsReadModel.class);
			JsonMapper json = context.getBean(JsonMapper.class);
			Map<String, Object> fixture = NoteFixtures.psychodynamicEntry("abandonment", "shame");
			MemberContent entry = new MemberContent(json.valueToTree(fixture.get("progress")),
					json.valueToTree(fixture.get("process")));
			clients(notes, model, entry, WARMUP_NOTES);
			long started = System.nanoTime();
			List<Timings> timings = clients(notes, model, entry, NOTES);
			return new Run(timings, (System.nanoTime() - started) / 1e9);
		}
		finally {
			if (mongo != null) {
				mongo.shutdownNow();
			}
			else {
				try (MongoClient client = MongoClients.create(uri)) {
					client.getDatabase(database).drop();
				}
			}
		}
	}

	/** The notes shared out among the clients, all running at once until each is done. */
	private static List<Timings> clients(Services notes, SessionsReadModel model, MemberContent entry, int noteCount)
			throws Exception {
		List<Future<Timings>> running = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
			for (int c = 0; c < CLIENTS; c++) {
				int share = noteCount / CLIENTS + ((c < noteCount % CLIENTS) ? 1 : 0);
				running.add(pool.submit(() -> workload(notes, model, entry, share)));
			}
			List<Timings> timings = new ArrayList<>();
			for (Future<Timings> client : running) {
				timings.add(client.get());
			}
			return timings;
		}
	}

	private static Timings workload(Services notes, SessionsReadModel model, MemberContent entry, int noteCount) {
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
			// members are known to the directory, as enrolled patients are: the mention
			// check looks for their names
			notes.mongo()
				.insert(new Document("_id", patient).append("role", "patient")
					.append("displayName", "Ysolde Marrowfield-" + (char) ('A' + i % 26))
					.append("active", true), "directory_users");
			roster.add(new RosterEntry(patient, AttendanceStatus.PRESENT));
		}
		Timings timings = new Timings(new long[noteCount * MEMBERS], new long[noteCount], new long[noteCount]);
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
				timings.writes()[n * MEMBERS + m] = System.nanoTime() - t0;
			}
			long t0 = System.nanoTime();
			notes.signing().sign(actor, noteId, version);
			timings.signs()[n] = System.nanoTime() - t0;
			// read back as the note page does after signing: the whole note, every entry
			long t1 = System.nanoTime();
			NoteView read = notes.reading().read(actor, noteId);
			timings.reads()[n] = System.nanoTime() - t1;
			if (read.members().size() != MEMBERS || !"VERIFIED".equals(read.integrity())) {
				throw new IllegalStateException(
						"read back " + read.members().size() + " entries, integrity " + read.integrity());
			}
		}
		return timings;
	}

	private static void report(List<Run> onRuns, List<Run> offRuns) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"notes-service benchmark: %d notes x %d member entries = %d entries, %d clients at once, "
						+ "%d rounds with and without protection, alternating%n",
				NOTES, MEMBERS, NOTES * MEMBERS, CLIENTS, ROUNDS));
		out.append(String.format(Locale.ROOT, "(service layer, %s, embedded Kafka broker, %d cores, %s)%n%n",
				(DATABASE == null)
						? "mongo-java-server in memory over the wire protocol with the local stack's look-up by id"
						: "the local stack's database process (H2 file, every write forced to the disk before "
								+ "its answer)",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		Run on = Run.pooled(onRuns);
		Run off = Run.pooled(offRuns);
		out.append(String.format(Locale.ROOT, "%-26s %8s %9s %9s %9s | %9s %9s %9s | %9s%n", "operation", "count",
				"p50 ms", "p99 ms", "mean ms", "p50 off", "p99 off", "mean off", "cost x"));
		for (String operation : on.operations().keySet()) {
			Result a = on.operations().get(operation);
			Result b = off.operations().get(operation);
			out.append(String.format(Locale.ROOT, "%-26s %8d %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f | %9.2f%n",
					operation, a.count(), a.percentile(50), a.percentile(99), a.mean() / 1e6, b.percentile(50),
					b.percentile(99), b.mean() / 1e6, a.mean() / b.mean()));
		}
		int entries = NOTES * MEMBERS;
		out.append(System.lineSeparator());
		double[] withRates = new double[ROUNDS];
		double[] withoutRates = new double[ROUNDS];
		double[] ratios = new double[ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			double with = onRuns.get(round).seconds();
			double without = offRuns.get(round).seconds();
			withRates[round] = entries / with;
			withoutRates[round] = entries / without;
			ratios[round] = with / without;
			out.append(String.format(Locale.ROOT,
					"round %d: %.0f entries/s with encryption and auditing (%.1f s), %.0f/s without (%.1f s): "
							+ "cost ratio %.2f%n",
					round + 1, withRates[round], with, withoutRates[round], without, ratios[round]));
		}
		out.append(String.format(Locale.ROOT,
				"%nentries written, signed and read back, median of %d rounds: %.0f/s with encryption and "
						+ "auditing, %.0f/s without: cost ratio %.2f%n",
				ROUNDS, median(withRates), median(withoutRates), median(ratios)));
		System.out.println(out);
		Files.writeString(Path.of("target", "bench-notes.txt"), out.toString());
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** The note services the workload goes through, as the HTTP API would. */
	private record Services(NoteDrafts drafts, NoteSigning signing, NoteReading reading, MongoTemplate mongo) {

	}

	/** One client's latencies, in nanoseconds. */
	private record Timings(long[] writes, long[] signs, long[] reads) {

	}

	/** Every client's latencies of one run and the run's wall time. */
	private record Run(List<Timings> clients, double seconds) {

		static Run pooled(List<Run> runs) {
			return new Run(runs.stream().flatMap((run) -> run.clients().stream()).toList(),
					runs.stream().mapToDouble(Run::seconds).sum());
		}

		Map<String, Result> operations() {
			Map<String, Result> operations = new LinkedHashMap<>();
			operations.put("write entry", new Result(clients.stream().map(Timings::writes).toList()));
			operations.put("sign note (" + MEMBERS + " entries)",
					new Result(clients.stream().map(Timings::signs).toList()));
			operations.put("read note (" + MEMBERS + " entries)",
					new Result(clients.stream().map(Timings::reads).toList()));
			return operations;
		}

	}

	private record Result(long[] nanos) {

		Result(List<long[]> parts) {
			this(parts.stream().flatMapToLong(Arrays::stream).sorted().toArray());
		}

		int count() {
			return this.nanos.length;
		}

		double mean() {
			return Arrays.stream(this.nanos).average().orElse(0);
		}

		double percentile(int p) {
			int index = (int) Math.ceil(p / 100.0 * this.nanos.length) - 1;
			return this.nanos[Math.max(0, Math.min(index, this.nanos.length - 1))] / 1e6;
		}

	}

}
