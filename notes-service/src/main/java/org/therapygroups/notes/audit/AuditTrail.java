package org.therapygroups.notes.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.mongodb.client.MongoCursor;
import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.therapygroups.notes.crypto.AuditKeys;
import org.therapygroups.notes.crypto.Protection;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * The append-only, hash-chained audit trail ({@code audit_log}). Every entry also carries
 * a MAC made with a key the database never holds, and the head is anchored outside the
 * database by signed checkpoints on {@code notes.audit.checkpoints}
 * ({@link #checkpoint}), so that neither an altered nor a cut-off chain can be passed off
 * as whole by someone with write access to the database ({@link #verify(boolean)}).
 * <p>
 * Each entry's {@code _id} is its sequence number and it holds the hash of the previous
 * entry; its own hash covers its fields and that previous hash. The unique {@code _id}
 * makes appending a compare-and-set: two writers that read the same head both try to
 * insert the same sequence number and only one succeeds; the other reads the head again
 * and retries. So the chain has one order even with several instances. The
 * {@code audit_head} document remembers the newest sequence number and hash, so that
 * removing entries from the end is detected too.
 * <p>
 * Atomic with the action, without multi-document transactions: a change to a note pushes
 * its audit record into the note's own {@code pendingAudit} array in the same
 * single-document update as the change, so a change is never without its record. The
 * writer hands the record to {@link #flush}, which appends it to the chain (idempotently,
 * by entry id) in the background within {@code therapy.notes.audit.tidy-delay}, in one
 * insert with everything else recorded meanwhile; the relay appends records still pending
 * after {@code therapy.notes.audit.relay-grace} (a process that died in between). Reads
 * and denied attempts change no document, so their record is appended to the chain
 * directly, before the content or the refusal is sent; if that fails, the request fails.
 * Changes' records still queued go into the chain ahead of such a record, so the chain
 * keeps the order in which this process did things, and reading the chain ({@link #list},
 * {@link #verify(boolean)}) first appends what is queued ({@link #settle}).
 * <p>
 * Appends are group-committed: concurrent requests' records go into the chain in one
 * insert. What only has to happen soon (taking appended records out of their documents,
 * moving the head document) is done in the background for everything that piled up
 * ({@link #tidy}), so a read waits for the one write that matters, its entry, and a
 * change for none beyond its own.
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
public class AuditTrail {

	public static final String COLLECTION = "audit_log";

	public static final String HEAD_COLLECTION = "audit_head";

	/** The array of not yet appended records inside an audited document. */
	public static final String PENDING = "pendingAudit";

	static final String GENESIS = "0".repeat(64);

	/** The actions that use or change a patient's records (not reading the audit). */
	static final List<String> DISCLOSING = List.of(AuditAction.CREATE.name(), AuditAction.READ.name(),
			AuditAction.SAVE.name(), AuditAction.SIGN.name(), AuditAction.CO_SIGN.name(), AuditAction.ADDENDUM.name(),
			AuditAction.VOID.name(), AuditAction.READ_PATTERNS.name());

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

	private static final int MAX_ATTEMPTS = 50;

	/** At most this many records go into one insert. */
	private static final int MAX_BATCH = 500;

	private final MongoTemplate mongo;

	private final Protection protection;

	private final List<String> pendingCollections;

	private final AuditKeys keys;

	private final CheckpointPublisher checkpoints;

	private final int checkpointEvery;

	private final Duration relayGrace;

	private final Duration tidyDelay;

	private final ExecutorService checkpointing = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("audit-checkpoint").factory());

	private final AtomicBoolean checkpointQueued = new AtomicBoolean();

	private final ExecutorService tidying = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("audit-tidying").factory());

	private final AtomicBoolean tidyingQueued = new AtomicBoolean();

	private final Queue<Change> pulls = new ConcurrentLinkedQueue<>();

	/** Changes whose records are in their documents and not yet in the chain. */
	private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

	/** The newest sequence number this writer wrote into the head document. */
	private volatile long movedHeadSeq = -1;

	private final ReentrantLock publishing = new ReentrantLock();

	private volatile long checkpointedSeq;

	private final ReentrantLock appending = new ReentrantLock();

	private final Queue<Queued> queue = new ConcurrentLinkedQueue<>();

	private volatile boolean indexed;

	private long headSeq = -1;

	private String headHash;

	private volatile boolean failing;

	AuditTrail(MongoTemplate mongo, Protection protection,
			@Value("${therapy.notes.audit.pending-collections:notes}") List<String> pendingCollections, AuditKeys keys,
			CheckpointPublisher checkpoints, AuditProperties properties) {
		this.mongo = mongo;
		this.protection = protection;
		this.pendingCollections = List.copyOf(pendingCollections);
		this.keys = keys;
		this.checkpoints = checkpoints;
		this.checkpointEvery = Math.max(1, properties.checkpointEvery());
		this.relayGrace = properties.relayGrace();
		this.tidyDelay = properties.tidyDelay();
	}

	/**
	 * Whether actions are audited (always, except in the benchmark's comparison run).
	 * @return whether to write pending records at all
	 */
	public boolean isOn() {
		return this.protection.isOn();
	}

	/**
	 * Appends a record now: for reads and denials, before the answer goes out.
	 * @param record the record
	 * @throws AuditUnavailableException if it could not be appended
	 */
	public void record(AuditRecord record) {
		if (!isOn()) {
			return;
		}
		try {
			append(List.of(record));
		}
		catch (DataAccessException ex) {
			throw new AuditUnavailableException("The audit trail cannot be written", ex);
		}
	}

	/**
	 * The form in which a record rides inside the document whose change it records.
	 * @param record the record
	 * @return the BSON to push into {@link #PENDING}
	 */
	public static Document pending(AuditRecord record) {
		return new Document("entryId", record.entryId()).append("time", Date.from(record.time()))
			.append("userId", record.userId())
			.append("role", record.role())
			.append("patientIds", record.patientIds())
			.append("noteId", record.noteId())
			.append("action", record.action())
			.append("outcome", record.outcome());
	}

	/**
	 * Moves the pending records of one document into the chain.
	 * @param collection the document's collection
	 * @param documentId its id
	 */
	public void flush(String collection, Object documentId) {
		Query byId = Query.query(Criteria.where("_id").is(documentId));
		byId.fields().include(PENDING);
		Document document = this.mongo.findOne(byId, Document.class, collection);
		if (document == null) {
			return;
		}
		List<AuditRecord> pending = document.getList(PENDING, Document.class, List.of())
			.stream()
			.map(AuditTrail::fromPending)
			.toList();
		if (!pending.isEmpty()) {
			append(pending);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
					taken(pending.stream().map(AuditRecord::entryId).toList()), collection);
		}
	}

	/**
	 * Moves a record just pushed into a document into the chain, soon: the change is
	 * recorded already (the record is in the document, written with it), so the request
	 * does not wait for the chain. The writer knows the record, so the document is not
	 * read again; taking it out of the document follows once it is in the chain
	 * ({@link #tidy}), and a record left behind would only be appended again, as nothing
	 * (entry ids are unique), by the relay. Other records still pending there are left to
	 * the relay.
	 * @param collection the document's collection
	 * @param documentId its id
	 * @param record the record the writer pushed
	 */
	public void flush(String collection, Object documentId, AuditRecord record) {
		this.changes.add(new Change(collection, documentId, record));
		requestTidying();
	}

	/**
	 * Appends the changes' records queued so far, so that what this process has done is
	 * in the chain before the chain is read. A failure leaves them in their documents,
	 * for the relay.
	 */
	public void settle() {
		try {
			append(List.of());
		}
		catch (RuntimeException ex) {
			log.warn("Audit records stay pending for the relay: {}", ex.getClass().getSimpleName());
		}
	}

	/** Takes the records with these entry ids out of a document's pending ones. */
	private static Update taken(List<String> entryIds) {
		return new Update().pull(PENDING, new Document("entryId", new Document("$in", entryIds)));
	}

	/**
	 * Takes the appended records out of their documents, all in one bulk write per
	 * collection, and moves the head document to the newest entry: work that only has to
	 * happen soon, done once for everything that piled up meanwhile.
	 */
	void tidy() {
		this.tidyingQueued.set(false);
		settle();
		try {
			// several saves of one note meanwhile: one pull takes out all their records
			Map<String, Map<Object, List<String>>> byDocument = new LinkedHashMap<>();
			for (Change next; (next = this.pulls.poll()) != null;) {
				byDocument.computeIfAbsent(next.collection(), (c) -> new LinkedHashMap<>())
					.computeIfAbsent(next.documentId(), (id) -> new ArrayList<>())
					.add(next.record().entryId());
			}
			byDocument.forEach((collection, documents) -> {
				BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
				documents.forEach((documentId, entryIds) -> bulk
					.updateOne(Query.query(Criteria.where("_id").is(documentId)), taken(entryIds)));
				bulk.execute();
			});
			long seq;
			String hash;
			this.appending.lock();
			try {
				seq = this.headSeq;
				hash = this.headHash;
			}
			finally {
				this.appending.unlock();
			}
			if (seq > this.movedHeadSeq) {
				moveHead(seq, hash);
				this.movedHeadSeq = seq;
			}
		}
		catch (RuntimeException ex) {
			// records left in their documents are appended (as nothing) by the relay, the
			// head moves with the next entry
			log.warn("Audit tidying failed, the relay catches up: {}", ex.getClass().getSimpleName());
		}
	}

	private void requestTidying() {
		if (this.tidyingQueued.compareAndSet(false, true)) {
			this.tidying.execute(() -> {
				try {
					// what piles up meanwhile is tidied in the same pass
					Thread.sleep(this.tidyDelay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				tidy();
			});
		}
	}

	/**
	 * A change's record, in its document until it is in the chain and then taken out.
	 */
	private record Change(String collection, Object documentId, AuditRecord record) {

	}

	/** Catches up on records left pending by a process that died after its change. */
	@Scheduled(fixedDelayString = "${therapy.notes.audit.relay-interval:1s}")
	void relayPending() {
		try {
			for (String collection : this.pendingCollections) {
				// records the writer itself is still moving are left to it
				Query pending = new Query(
						Criteria.where(PENDING + ".time").lt(Date.from(Instant.now().minus(this.relayGrace))))
					.limit(100);
				pending.fields().include("_id");
				for (Document document : this.mongo.find(pending, Document.class, collection)) {
					flush(collection, document.get("_id"));
				}
			}
			if (this.failing) {
				log.info("Audit relay recovered");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				log.warn("Audit relay failed, will retry: {}", ex.getClass().getSimpleName());
				this.failing = true;
			}
		}
	}

	private static AuditRecord fromPending(Document pending) {
		return new AuditRecord(pending.getString("entryId"), pending.getDate("time").toInstant(),
				pending.getString("userId"), pending.getString("role"),
				pending.getList("patientIds", String.class, List.of()), pending.getString("noteId"),
				pending.getString("action"), pending.getString("outcome"));
	}

	/**
	 * Appends records in their order, together with those other threads are waiting to
	 * append: group commit. Whoever holds the lock writes everything queued so far in one
	 * insert and moves the head once; the threads whose records it wrote find them done
	 * when they get the lock. One writer per process keeps the chain's order; the unique
	 * {@code _id} keeps it across processes.
	 */
	private void append(List<AuditRecord> records) {
		ensureIndexes();
		Queued mine = new Queued(records);
		if (!records.isEmpty()) {
			this.queue.add(mine);
		}
		this.appending.lock();
		try {
			// changes go first: they were queued before anything that waits here now
			// was done, so the chain keeps this process's order
			while (!mine.done) {
				List<Change> changed = new ArrayList<>();
				List<Queued> batch = new ArrayList<>();
				int size = 0;
				for (Change next; size < MAX_BATCH && (next = this.changes.poll()) != null;) {
					changed.add(next);
					size++;
				}
				for (Queued next; size < MAX_BATCH && (next = this.queue.poll()) != null;) {
					batch.add(next);
					size += next.records.size();
				}
				if (records.isEmpty()) {
					// settling: one pass over what is queued now
					mine.done = true;
				}
				if (!batch.isEmpty() || !changed.isEmpty()) {
					writeBatch(changed, batch);
				}
			}
		}
		finally {
			this.appending.unlock();
		}
		if (mine.failure != null) {
			throw mine.failure;
		}
	}

	private void writeBatch(List<Change> changed, List<Queued> batch) {
		List<AuditRecord> records = new ArrayList<>();
		changed.forEach((change) -> records.add(change.record()));
		batch.forEach((queued) -> records.addAll(queued.records));
		RuntimeException failure = null;
		try {
			appendAll(records);
			// in the chain now: they may be taken out of their documents
			this.pulls.addAll(changed);
		}
		catch (RuntimeException ex) {
			// the changes' records are still in their documents: the relay appends them
			failure = ex;
		}
		for (Queued queued : batch) {
			queued.failure = failure;
			queued.done = true;
		}
		if (failure != null && batch.isEmpty()) {
			throw failure;
		}
	}

	/** Called with the lock held. */
	private void appendAll(List<AuditRecord> records) {
		if (this.headSeq < 0) {
			loadHead();
		}
		long seq = this.headSeq;
		String hash = this.headHash;
		List<Document> entries = new ArrayList<>(records.size());
		for (AuditRecord record : records) {
			seq++;
			String previous = hash;
			hash = hash(record, previous);
			entries.add(entry(seq, record, previous, hash, this.keys.mac(seq, hash)));
		}
		try {
			this.mongo.insert(entries, COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// another instance appended first, or some records were appended before (a
			// flush that died before its pull): one by one, each case is told apart
			this.headSeq = -1;
			for (AuditRecord record : records) {
				appendOne(record);
			}
			return;
		}
		catch (RuntimeException ex) {
			// part of the insert may have gone through: read the head again next time
			this.headSeq = -1;
			throw ex;
		}
		advance(seq, hash);
	}

	private void appendOne(AuditRecord record) {
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			if (this.headSeq < 0) {
				loadHead();
			}
			long seq = this.headSeq + 1;
			String hash = hash(record, this.headHash);
			String mac = this.keys.mac(seq, hash);
			try {
				this.mongo.insert(entry(seq, record, this.headHash, hash, mac), COLLECTION);
			}
			catch (DuplicateKeyException ex) {
				if (isAppended(record)) {
					// appended before
					return;
				}
				// another instance appended first: read the new head, try again
				this.headSeq = -1;
				continue;
			}
			advance(seq, hash);
			return;
		}
		throw new AuditUnavailableException("The audit trail is too contended", null);
	}

	/** Looked up through the unique index (a count would go through every entry). */
	private boolean isAppended(AuditRecord record) {
		Query byEntryId = Query.query(Criteria.where("entryId").is(record.entryId()));
		byEntryId.fields().include("_id");
		return this.mongo.findOne(byEntryId, Document.class, COLLECTION) != null;
	}

	private void advance(long seq, String hash) {
		this.headSeq = seq;
		this.headHash = hash;
		requestTidying();
		if (seq - this.checkpointedSeq >= this.checkpointEvery) {
			requestCheckpoint();
		}
	}

	/** Records waiting for the writer, and what became of them. */
	private static final class Queued {

		private final List<AuditRecord> records;

		private volatile boolean done;

		private volatile RuntimeException failure;

		Queued(List<AuditRecord> records) {
			this.records = records;
		}

	}

	/** Reads the head from the database at the next append (after a restore, say). */
	void forgetHead() {
		this.appending.lock();
		try {
			this.headSeq = -1;
		}
		finally {
			this.appending.unlock();
		}
	}

	private void loadHead() {
		Query last = new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1);
		Document newest = this.mongo.findOne(last, Document.class, COLLECTION);
		if (newest == null) {
			this.headSeq = 0;
			this.headHash = GENESIS;
		}
		else {
			this.headSeq = newest.get("_id", Number.class).longValue();
			this.headHash = newest.getString("hash");
		}
	}

	private void moveHead(long seq, String hash) {
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is("head").and("seq").lt(seq)),
					new Update().set("seq", seq).set("hash", hash).set("updatedAt", new Date()), HEAD_COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// the head is already further on (another instance)
		}
	}

	private void ensureIndexes() {
		if (!this.indexed) {
			this.mongo.indexOps(COLLECTION).createIndex(new Index("entryId", Sort.Direction.ASC).unique());
			this.mongo.indexOps(COLLECTION).createIndex(new Index("time", Sort.Direction.ASC));
			this.mongo.indexOps(COLLECTION).createIndex(new Index("patientIds", Sort.Direction.ASC));
			this.indexed = true;
		}
	}

	/**
	 * The hash of an entry: SHA-256 over its fields and the previous entry's hash, with
	 * unit separators so no two different entries share an input.
	 */
	static String hash(AuditRecord record, String prevHash) {
		String canonical = String.join("\u001f", record.entryId(), Long.toString(record.time().toEpochMilli()),
				String.valueOf(record.userId()), String.valueOf(record.role()), String.join(",", record.patientIds()),
				String.valueOf(record.noteId()), record.action(), record.outcome(), prevHash);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Checks the chain against its hashes, MACs and the signed checkpoints, and reports
	 * the first place where it does not hold.
	 * @param sinceCheckpoint only the entries from the newest checkpoint on (the earlier
	 * ones are pinned by it)
	 * @return the result
	 */
	public Verification verify(boolean sinceCheckpoint) {
		settle();
		List<String> published;
		try {
			published = this.checkpoints.readAll();
		}
		catch (RuntimeException ex) {
			// without the checkpoints a verification would promise more than it checked
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
					"The audit checkpoints cannot be read from Kafka right now. Try again later.");
		}
		ChainVerifier verifier = new ChainVerifier(this.keys, this.keys, published);
		long knownHead = knownHead();
		Checkpoint anchor = sinceCheckpoint ? verifier.newest() : null;
		if (anchor != null && !this.mongo.exists(Query.query(Criteria.where("_id").is(anchor.seq())), COLLECTION)) {
			// the pinned entry itself is gone: only the whole walk can say from where
			anchor = null;
		}
		Document filter = (anchor != null) ? new Document("_id", new Document("$gte", anchor.seq())) : new Document();
		try (MongoCursor<Document> entries = this.mongo.getCollection(COLLECTION)
			.find(filter)
			.sort(new Document("_id", 1))
			.batchSize(10_000)
			.iterator()) {
			return (anchor != null) ? verifier.sinceCheckpoint(entries, knownHead) : verifier.full(entries, knownHead);
		}
	}

	/**
	 * Walks the whole chain.
	 * @return the result
	 */
	public Verification verify() {
		return verify(false);
	}

	/** The newest sequence number this writer appended or the head document names. */
	private long knownHead() {
		Document head = this.mongo.findById("head", Document.class, HEAD_COLLECTION);
		long stored = (head != null) ? head.get("seq", Number.class).longValue() : 0;
		return Math.max(stored, this.headSeq);
	}

	/**
	 * Publishes a checkpoint of this writer's newest entry, if it moved since the last
	 * one. Run at least every {@code therapy.notes.audit.checkpoint-interval}, and after
	 * every {@code checkpoint-every} entries.
	 */
	@Scheduled(fixedDelayString = "${therapy.notes.audit.checkpoint-interval:30s}",
			initialDelayString = "${therapy.notes.audit.checkpoint-interval:30s}")
	void checkpoint() {
		if (!isOn()) {
			return;
		}
		this.publishing.lock();
		try {
			long seq;
			String hash;
			this.appending.lock();
			try {
				if (this.headSeq < 0) {
					loadHead();
					if (this.headSeq > 0 && !headIsAuthentic()) {
						log.error("The newest audit entry in the database does not carry a valid MAC: "
								+ "no checkpoint is signed for it");
						this.headSeq = -1;
						return;
					}
				}
				seq = this.headSeq;
				hash = this.headHash;
			}
			finally {
				this.appending.unlock();
			}
			if (seq <= this.checkpointedSeq) {
				return;
			}
			this.checkpoints.publish(Checkpoint.sign(seq, hash, Instant.now(), this.keys));
			this.checkpointedSeq = seq;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			log.warn("Audit checkpoint not published, will retry: {}", ex.getClass().getSimpleName());
		}
		finally {
			this.publishing.unlock();
		}
	}

	private boolean headIsAuthentic() {
		Document newest = this.mongo.findById(this.headSeq, Document.class, COLLECTION);
		return newest != null && this.keys.verifies(this.headSeq, this.headHash, newest.getString("mac"));
	}

	private void requestCheckpoint() {
		if (this.checkpointQueued.compareAndSet(false, true)) {
			this.checkpointing.execute(() -> {
				this.checkpointQueued.set(false);
				checkpoint();
			});
		}
	}

	@PreDestroy
	void stop() {
		this.checkpointing.shutdown();
		this.tidying.shutdown();
		try {
			this.tidying.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		tidy();
	}

	/** An entry as stored. */
	static Document entry(long seq, AuditRecord record, String prevHash, String hash, String mac) {
		return new Document("_id", seq).append("entryId", record.entryId())
			.append("time", Date.from(record.time()))
			.append("userId", record.userId())
			.append("role", record.role())
			.append("patientIds", record.patientIds())
			.append("noteId", record.noteId())
			.append("action", record.action())
			.append("outcome", record.outcome())
			.append("prevHash", prevHash)
			.append("hash", hash)
			.append("mac", mac);
	}

	static AuditRecord recordOf(Document entry) {
		return new AuditRecord(entry.getString("entryId"),
				(entry.getDate("time") != null) ? entry.getDate("time").toInstant() : Instant.EPOCH,
				entry.getString("userId"), entry.getString("role"),
				entry.getList("patientIds", String.class, List.of()), entry.getString("noteId"),
				String.valueOf(entry.getString("action")), String.valueOf(entry.getString("outcome")));
	}

	/**
	 * Entries matching a filter.
	 * @param query the filter, sort and page
	 * @param scope the only patients whose entries may be returned, or {@code null} for
	 * all
	 * @param ownUserId whose entries are returned even without a patient in scope (the
	 * caller's own), or {@code null}
	 * @return the entries
	 */
	public List<AuditEntry> list(AuditQuery query, Set<String> scope, String ownUserId) {
		settle();
		List<Criteria> all = new ArrayList<>();
		if (query.from() != null) {
			all.add(Criteria.where("time").gte(Date.from(query.from())));
		}
		if (query.to() != null) {
			all.add(Criteria.where("time").lt(Date.from(query.to())));
		}
		if (query.userId() != null) {
			all.add(Criteria.where("userId").is(query.userId()));
		}
		if (query.patientId() != null) {
			all.add(Criteria.where("patientIds").is(query.patientId()));
		}
		if (scope != null) {
			all.add(new Criteria().orOperator(Criteria.where("patientIds").in(scope),
					Criteria.where("userId").is(ownUserId)));
		}
		Criteria criteria = all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
		Query find = Query.query(criteria)
			.with(query.sort())
			.skip((long) query.page() * query.size())
			.limit(query.size());
		return this.mongo.find(find, Document.class, COLLECTION).stream().map(AuditEntry::of).toList();
	}

	/**
	 * Every successful use or change of one patient's records in a period, oldest first:
	 * the accounting of disclosures.
	 * @param patientId the patient
	 * @param from at or after, or {@code null}
	 * @param to before, or {@code null}
	 * @param page page number from 0
	 * @param size entries per page
	 * @return the audit entries
	 */
	List<AuditEntry> disclosures(String patientId, Instant from, Instant to, int page, int size) {
		settle();
		Criteria criteria = Criteria.where("patientIds")
			.is(patientId)
			.and("outcome")
			.is(AuditOutcome.SUCCESS.name())
			.and("action")
			.in(DISCLOSING);
		if (from != null || to != null) {
			criteria = criteria.and("time");
			if (from != null) {
				criteria = criteria.gte(Date.from(from));
			}
			if (to != null) {
				criteria = criteria.lt(Date.from(to));
			}
		}
		Query find = Query.query(criteria).with(Sort.by("time", "_id")).skip((long) page * size).limit(size);
		return this.mongo.find(find, Document.class, COLLECTION).stream().map(AuditEntry::of).toList();
	}

}
