package org.therapygroups.devstack.mongo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.therapygroups.devstack.MongoServerMain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local default database killed with SIGKILL right after it acknowledged writes:
 * inserts, updates and deletes acknowledged before the kill are all there after a restart
 * on the same file.
 */
class DefaultDatabaseCrashTests {

	@TempDir
	Path data;

	private Process server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.destroyForcibly();
		}
	}

	@Test
	void everyAcknowledgedWriteSurvivesAKill() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		List<String> acknowledged = new ArrayList<>();
		try (MongoClient client = client(port)) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			for (int i = 0; i < 50; i++) {
				things.insertOne(new Document("_id", "t" + i).append("version", 0));
				things.updateOne(Filters.eq("_id", "t" + i), Updates.set("version", 1));
				acknowledged.add("t" + i);
			}
			things.deleteOne(Filters.eq("_id", "t0"));
			acknowledged.remove("t0");
		}
		this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			List<String> stored = new ArrayList<>();
			for (Document thing : things.find(Filters.eq("version", 1))) {
				stored.add(thing.getString("_id"));
			}
			assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
			assertThat(things.countDocuments()).isEqualTo(acknowledged.size());
		}
	}

	/**
	 * A write command that changes nothing (an outbox relay's update that matched no
	 * document, say) still commits; the writes after it must still be made durable.
	 */
	@Test
	void writesAfterACommandThatChangedNothingSurviveAKill() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		List<String> acknowledged = new ArrayList<>();
		try (MongoClient client = client(port)) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			things.insertOne(new Document("_id", "before").append("version", 1));
			acknowledged.add("before");
			for (int i = 0; i < 20; i++) {
				things.updateOne(Filters.eq("_id", "nobody"), Updates.set("version", 2));
				things.insertOne(new Document("_id", "after" + i).append("version", 1));
				acknowledged.add("after" + i);
			}
		}
		this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			List<String> stored = new ArrayList<>();
			for (Document thing : things.find()) {
				stored.add(thing.getString("_id"));
			}
			assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
		}
	}

	@Test
	void versionGuardedReplacementsSurviveAKill() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> sessions = client.getDatabase("crash").getCollection("sessions");
			// as DefaultDatabase.indexVersionedSaves and Spring Data's save of a
			// versioned
			// document do it
			sessions.createIndex(new Document("_id", 1).append("version", 1),
					new com.mongodb.client.model.IndexOptions().unique(true));
			sessions.insertOne(new Document("_id", "s1").append("version", 0).append("status", "SCHEDULED"));
			sessions.updateOne(Filters.eq("_id", "s1"), Updates.inc("version", 1));
			for (int version = 1; version <= 20; version++) {
				var result = sessions.replaceOne(Filters.and(Filters.eq("_id", "s1"), Filters.eq("version", version)),
						new Document("_id", "s1").append("version", version + 1)
							.append("status", "RUNNING " + version));
				assertThat(result.getModifiedCount()).isEqualTo(1);
			}
		}
		this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			Document stored = client.getDatabase("crash")
				.getCollection("sessions")
				.find(Filters.eq("_id", "s1"))
				.first();
			assertThat(stored).isNotNull();
			assertThat(stored.getInteger("version")).isEqualTo(21);
			assertThat(stored.getString("status")).isEqualTo("RUNNING 20");
		}
	}

	@Test
	void theLastWritesOfABusyStoreSurviveAKill() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		String padding = "x".repeat(2000);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> cells = client.getDatabase("busy").getCollection("cells");
			MongoCollection<Document> seen = client.getDatabase("other").getCollection("seen");
			for (int i = 0; i < 100; i++) {
				cells.insertOne(new Document("_id", "c" + i).append("version", 0).append("padding", padding));
			}
			// rewritten and deleted pages leave free space in the file, which later
			// chunks
			// reuse
			for (int round = 1; round <= 30; round++) {
				for (int i = 0; i < 100; i++) {
					cells.updateOne(Filters.eq("_id", "c" + i), Updates.set("version", round));
				}
				for (int i = 0; i < 20; i++) {
					seen.insertOne(new Document("_id", round + "-" + i).append("padding", padding));
				}
				seen.deleteMany(Filters.regex("_id", "^" + round + "-"));
			}
		}
		this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> cells = client.getDatabase("busy").getCollection("cells");
			assertThat(cells.countDocuments(Filters.eq("version", 30))).isEqualTo(100);
		}
	}

	/**
	 * Killed in the middle of four clients' writes, with commits grouped across them and
	 * the compaction passes at work: whatever was acknowledged is there.
	 */
	@Test
	void concurrentWritersLoseNothingAcknowledgedWhenKilledMidWay() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger updates = new AtomicInteger();
		List<Thread> writers = new ArrayList<>();
		// gives up soon once the database is gone, instead of waiting 30 s for it
		try (MongoClient client = MongoClients
			.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000&retryWrites=false")) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			things.insertOne(new Document("_id", "shared").append("n", 0));
			for (int w = 0; w < 4; w++) {
				String writer = "w" + w;
				writers.add(Thread.ofPlatform().start(() -> {
					try {
						for (int i = 0;; i++) {
							things.insertOne(new Document("_id", writer + "-" + i).append("padding", "x".repeat(300)));
							acknowledged.add(writer + "-" + i);
							things.updateOne(Filters.eq("_id", "shared"), Updates.inc("n", 1));
							updates.incrementAndGet();
						}
					}
					catch (RuntimeException killed) {
						// the database went away mid-request: that write was not
						// acknowledged
					}
				}));
			}
			Thread.sleep(3_000);
			this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			for (Thread writer : writers) {
				writer.join(TimeUnit.SECONDS.toMillis(60));
			}
		}
		assertThat(acknowledged).hasSizeGreaterThan(100);

		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> things = client.getDatabase("crash").getCollection("things");
			Set<String> stored = new HashSet<>();
			for (Document thing : things.find(Filters.ne("_id", "shared"))) {
				stored.add(thing.getString("_id"));
			}
			assertThat(stored).containsAll(acknowledged);
			assertThat(things.find(Filters.eq("_id", "shared")).first().getInteger("n"))
				.isGreaterThanOrEqualTo(updates.get());
		}
	}

	/**
	 * Documents written once keep the chunk they were written in alive while the rest of
	 * it is long dead; the database moves such pages on, so the file holds mostly live
	 * data, and nothing acknowledged is lost on the way.
	 */
	@Test
	void aBusyStoreStaysCompactAndLosesNothing() throws Exception {
		Path file = this.data.resolve("mongo.mv");
		int port = freePort();
		this.server = start(port, file);
		String padding = "x".repeat(500);
		Random random = new Random(42);
		List<String> written = new ArrayList<>();
		// several times as long as the database keeps dead chunks
		// (CommitBeforeReply.RETENTION_MS)
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> notes = client.getDatabase("busy").getCollection("notes");
			MongoCollection<Document> counters = client.getDatabase("busy").getCollection("counters");
			counters.insertOne(new Document("_id", "hot").append("n", 0));
			int n = 0;
			while (System.nanoTime() < until) {
				// scattered ids: each insert changes a page of its own, then never again
				String id = Long.toHexString(random.nextLong());
				notes.insertOne(new Document("_id", id).append("padding", padding));
				written.add(id);
				counters.updateOne(Filters.eq("_id", "hot"), Updates.set("n", ++n));
			}
			// a pause for the passes to catch up, then a write whose commit drops what
			// they emptied
			Thread.sleep(3_000);
			counters.updateOne(Filters.eq("_id", "hot"), Updates.set("n", ++n));
		}
		this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

		MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			// without the passes: one chunk per commit kept by the page of one insert,
			// about
			// 700 a second here, and every emptied one for 45 s
			long chunks = store.getFileStore()
				.getLayoutMap()
				.keySet()
				.stream()
				.filter((key) -> key.startsWith("chunk."))
				.count();
			assertThat(chunks).as("chunks in the file").isLessThan(200);
		}
		finally {
			store.closeImmediately();
		}
		this.server = start(port, file);
		try (MongoClient client = client(port)) {
			MongoCollection<Document> notes = client.getDatabase("busy").getCollection("notes");
			assertThat(notes.countDocuments()).isEqualTo(written.size());
			assertThat(notes.find(Filters.eq("_id", written.get(0))).first()).isNotNull();
			assertThat(notes.find(Filters.eq("_id", written.get(written.size() - 1))).first()).isNotNull();
		}
	}

	private static Process start(int port, Path file) throws IOException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), MongoServerMain.class.getName(), String.valueOf(port),
				file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try (var socket = new java.net.Socket("127.0.0.1", port)) {
				return process;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline || !process.isAlive()) {
					throw new IllegalStateException("the database did not start", ex);
				}
				Thread.onSpinWait();
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
	}

	private static MongoClient client(int port) {
		return MongoClients.create("mongodb://127.0.0.1:" + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
