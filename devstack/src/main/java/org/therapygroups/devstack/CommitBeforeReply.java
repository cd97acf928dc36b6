package org.therapygroups.devstack;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import org.therapygroups.defaultdatabase.IdLookupH2Database;

/**
 * The H2 backend of mongo-java-server made durable: a command that may change data is
 * answered only after the file store has committed it and forced it to the disk. By
 * itself the backend commits about once a second, so a crash lost the writes of the last
 * second although they had been acknowledged.
 * <p>
 * Commits are grouped: commands run concurrently, and whoever commits next writes every
 * change finished so far, so one forced write serves all the commands that waited for it.
 * Commits and commands exclude each other (a read-write lock), so a commit never holds
 * half of a command (a document without its index entry, say).
 * <p>
 * The store's own background thread, off with its commits, also kept the file compact;
 * without it every commit left a chunk behind that a few live pages kept alive (21,000
 * chunks, 7 % full, 1.9 GB after one scheduling benchmark), and each commit grew dearer
 * with the bookkeeping of them all. A pass every {@link #COMPACTION_INTERVAL_MS} ms moves
 * the live pages of the emptiest chunks into the next commit, a bounded amount at a time,
 * and commits at once so the old chunks can be reused.
 */
final class CommitBeforeReply extends H2Backend {

	/** Commands that never change data; everything else is committed before the reply. */
	private static final Set<String> READS = Set.of("find", "getMore", "getmore", "count", "distinct", "aggregate",
			"hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo", "listCollections", "listIndexes",
			"listDatabases", "killCursors", "endSessions", "dbStats", "collStats", "serverStatus", "getLastError",
			"getlasterror", "hostInfo", "getCmdLineOpts", "getParameter", "whatsmyuri", "connectionStatus",
			"getFreeMonitoringStatus", "saslStart", "saslContinue", "currentOp");

	/** Chunks fuller than this on average are left as they are. */
	static final int COMPACT_BELOW_FILL_RATE = 60;

	/** Live bytes moved per pass: the commit that writes them holds writers back. */
	static final int COMPACTION_BYTES = 256 * 1024;

	static final long COMPACTION_INTERVAL_MS = 250;

	/**
	 * How long a chunk without live pages is kept before its space is reused. The store's
	 * default, 45 s, is for writes not forced to the disk and readers not registered;
	 * here every commit is forced before the next one starts, and reads register the
	 * version they read ({@link #handleCommand}), so a second is a margin, not a need.
	 */
	static final int RETENTION_MS = 1_000;

	private final MVStore store;

	private final ScheduledExecutorService compaction = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mongo-compaction").daemon().factory());

	private final ReadWriteLock commands = new ReentrantReadWriteLock();

	private final Object commitLock = new Object();

	/** Every change made in a store version below this one is on the disk. */
	private volatile long durableBelow = -1;

	private CommitBeforeReply(MVStore store) {
		super(store);
		this.store = store;
		store.setRetentionTime(RETENTION_MS);
	}

	/**
	 * Opens (or creates) the file with the store's own once-a-second commit switched off.
	 */
	static CommitBeforeReply open(String file) {
		CommitBeforeReply backend = new CommitBeforeReply(
				new MVStore.Builder().fileName(file).autoCommitDisabled().open());
		backend.compaction.scheduleWithFixedDelay(backend::compact, COMPACTION_INTERVAL_MS, COMPACTION_INTERVAL_MS,
				TimeUnit.MILLISECONDS);
		return backend;
	}

	/**
	 * Rewrites the live pages of the emptiest chunks. Moving a page changes no data, so
	 * it needs no exclusion from commands; the commit after it makes the old chunks dead.
	 */
	private void compact() {
		try {
			if (this.store.isClosed()) {
				return;
			}
			if (this.store.compact(COMPACT_BELOW_FILL_RATE, COMPACTION_BYTES)) {
				makeDurable(this.store.getCurrentVersion());
			}
		}
		catch (RuntimeException ex) {
			// a pass that failed is tried again by the next one; the data stays as it was
			System.err.println("compaction pass failed: " + ex);
		}
	}

	/**
	 * Filters that name {@code _id} and more find their document by id, as on MongoDB.
	 */
	@Override
	protected MongoDatabase openOrCreateDatabase(String name) {
		return new IdLookupH2Database(name, getMvStore(), getCursorRegistry());
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if (READS.contains(command)) {
			// keeps the chunks of the version read from being reused while this runs
			// (writes need not: commits, the only ones to reuse space, wait for them)
			MVStore.TxCounter reading = this.store.registerVersionUsage();
			try {
				return super.handleCommand(channel, databaseName, command, query);
			}
			finally {
				this.store.deregisterVersionUsage(reading);
			}
		}
		Document reply;
		this.commands.readLock().lock();
		try {
			reply = super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			this.commands.readLock().unlock();
		}
		makeDurable(this.store.getCurrentVersion());
		return reply;
	}

	/**
	 * Returns once a commit that started after the caller's change has reached the disk.
	 * A change made while the store was at version {@code v} is in every commit that
	 * starts later, and such a commit (having something to write) moves the store past
	 * {@code v}.
	 */
	private void makeDurable(long version) {
		if (this.durableBelow > version) {
			return;
		}
		synchronized (this.commitLock) {
			if (this.durableBelow > version) {
				return;
			}
			this.commands.writeLock().lock();
			long committed;
			try {
				this.store.commit();
				// A commit with nothing unsaved writes nothing and does not move the
				// version on: the next change is then made in the very version read
				// here, so only the versions below it are durable. Assuming "one more"
				// acknowledged every later write without ever committing it.
				committed = this.store.getCurrentVersion();
			}
			finally {
				this.commands.writeLock().unlock();
			}
			this.store.sync();
			this.durableBelow = committed;
		}
	}

	@Override
	public void close() {
		this.compaction.shutdownNow();
		try {
			// a pass under way finishes before the store closes under it
			this.compaction.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		makeDurable(this.store.getCurrentVersion());
		super.close();
	}

}
