package org.therapygroups.platform.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Everything the services do only because of the local default database,
 * mongo-java-server, kept in one place so that code elsewhere reads like ordinary Spring
 * Data. On a real MongoDB ({@code MONGODB_URI}) each of these is correct and merely
 * unnecessary. The default answers a query from an index only when the query's fields are
 * exactly an index's fields, and an {@code $in} on {@code _id} scans the whole
 * collection. The other workaround lives beside this class: {@link MongoHealthIndicator}
 * pings the service's own database, because the default does not know {@code hello}.
 */
public final class DefaultDatabase {

	private DefaultDatabase() {
	}

	/**
	 * A version-guarded save filters on {@code {_id, version}}: without an index of
	 * exactly those fields every save would scan the collection.
	 * @param mongo the template
	 * @param type a document type saved with {@code @Version}
	 */
	public static void indexVersionedSaves(MongoTemplate mongo, Class<?> type) {
		mongo.indexOps(type)
			.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
	}

	/**
	 * Documents by id, one plain {@code {_id: value}} look-up each instead of one
	 * {@code $in}.
	 * @param <T> the result type
	 * @param mongo the template
	 * @param ids the ids
	 * @param fields the fields to read (none: all)
	 * @param type the result type, e.g. {@code org.bson.Document}
	 * @param collection the collection
	 * @return the documents that exist, in the order of {@code ids}
	 */
	public static <T> List<T> findEachById(MongoTemplate mongo, Collection<?> ids, List<String> fields, Class<T> type,
			String collection) {
		List<T> found = new ArrayList<>();
		for (Object id : ids) {
			Query byId = new Query(Criteria.where("_id").is(id));
			fields.forEach(byId.fields()::include);
			T document = mongo.findOne(byId, type, collection);
			if (document != null) {
				found.add(document);
			}
		}
		return found;
	}

	/**
	 * Whether a document with this id exists, by a plain {@code {_id: value}} look-up.
	 * @param mongo the template
	 * @param id the id
	 * @param type the mapped document type
	 * @return whether it exists
	 */
	public static boolean existsById(MongoTemplate mongo, Object id, Class<?> type) {
		return mongo.exists(Query.query(Criteria.where("_id").is(id)), type);
	}

}
