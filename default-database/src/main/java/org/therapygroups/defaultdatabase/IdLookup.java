package org.therapygroups.defaultdatabase;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * The {@code _id} index, also answering filters that name {@code _id} and more.
 * mongo-java-server uses an index only for a filter of exactly its fields, so a
 * conditional write such as {@code {_id: id, status: "DRAFT", version: 3}} went through
 * the whole collection; a real MongoDB finds the one document by {@code _id} and checks
 * the rest on it. This index does the same: it hands the collection the document with
 * that {@code _id}, and the collection matches the whole filter against it as it does for
 * every index. Everything else is the wrapped index's.
 *
 * @param <P> the backend's document position
 */
public final class IdLookup<P> extends Index<P> {

	private static final String ID = "_id";

	private final Index<P> id;

	private IdLookup(Index<P> id) {
		super(id.getName(), id.getKeys(), false);
		this.id = id;
	}

	/**
	 * @param <P> the backend's document position
	 * @param keys the keys of a unique index being opened
	 * @param index that index
	 * @return the index, answering wider filters if it is the {@code _id} index
	 */
	public static <P> Index<P> of(List<IndexKey> keys, Index<P> index) {
		return (keys.size() == 1 && ID.equals(keys.get(0).getKey())) ? new IdLookup<>(index) : index;
	}

	@Override
	public boolean canHandle(Document query) {
		return this.id.canHandle(query) || (query.size() > 1 && isPlainValue(query.get(ID)));
	}

	@Override
	public Iterable<P> getPositions(Document query) {
		return this.id.canHandle(query) ? this.id.getPositions(query)
				: this.id.getPositions(new Document(ID, query.get(ID)));
	}

	/** An operator, an array or a pattern may match several ids: those filters scan. */
	private static boolean isPlainValue(Object value) {
		return value != null && !(value instanceof Document) && !(value instanceof Collection)
				&& !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
	}

	@Override
	public P getPosition(Document document) {
		return this.id.getPosition(document);
	}

	@Override
	public void checkAdd(Document document, MongoCollection<P> collection) {
		this.id.checkAdd(document, collection);
	}

	@Override
	public void add(Document document, P position, MongoCollection<P> collection) {
		this.id.add(document, position, collection);
	}

	@Override
	public P remove(Document document) {
		return this.id.remove(document);
	}

	@Override
	public long getCount() {
		return this.id.getCount();
	}

	@Override
	public long getDataSize() {
		return this.id.getDataSize();
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
		this.id.checkUpdate(oldDocument, newDocument, collection);
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
			throws KeyConstraintError {
		this.id.updateInPlace(oldDocument, newDocument, position, collection);
	}

	@Override
	public void drop() {
		this.id.drop();
	}

	@Override
	public boolean isUnique() {
		return true;
	}

}
