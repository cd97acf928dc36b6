package org.therapygroups.defaultdatabase;

import java.util.List;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

/** An H2-backed database whose {@code _id} indexes are {@link IdLookup}s. */
public class IdLookupH2Database extends H2Database {

	public IdLookupH2Database(String name, MVStore store, CursorRegistry cursors) {
		super(name, store, cursors);
	}

	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
			boolean sparse) {
		return IdLookup.of(keys, super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse));
	}

}
