package org.therapygroups.platform.mongo;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * A version-guarded save filters on {@code {_id, version}}. mongo-java-server, the local
 * default database, answers a query from an index only when the query's fields are
 * exactly an index's fields; without this index every save of a session would scan the
 * whole collection. On MongoDB the index is redundant but harmless.
 */
public final class VersionedWrites {

	private VersionedWrites() {
	}

	public static void index(MongoTemplate mongo, Class<?> type) {
		mongo.indexOps(type)
			.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
	}

}
