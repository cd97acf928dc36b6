package org.therapygroups.devstack;

import java.util.Set;
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
 */
final class CommitBeforeReply extends H2Backend {

	/** Commands that never change data; everything else is committed before the reply. */
	private static final Set<String> READS = Set.of("find", "getMore", "getmore", "count", "distinct", "aggregate",
			"hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo", "listCollections", "listIndexes",
			"listDatabases", "killCursors", "endSessions", "dbStats", "collStats", "serverStatus", "getLastError",
			"getlasterror", "hostInfo", "getCmdLineOpts", "getParameter", "whatsmyuri", "connectionStatus",
			"getFreeMonitoringStatus", "saslStart", "saslContinue", "currentOp");

	private final MVStore store;

	private final ReadWriteLock commands = new ReentrantReadWriteLock();

	private final Object commitLock = new Object();

	/** Every change made in a store version below this one is on the disk. */
	private volatile long durableBelow = -1;

	private CommitBeforeReply(MVStore store) {
		super(store);
		this.store = store;
	}

	/**
	 * Opens (or creates) the file with the store's own once-a-second commit switched off.
	 */
	static CommitBeforeReply open(String file) {
		return new CommitBeforeReply(new MVStore.Builder().fileName(file).autoCommitDisabled().open());
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
			return super.handleCommand(channel, databaseName, command, query);
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
		makeDurable(this.store.getCurrentVersion());
		super.close();
	}

}
