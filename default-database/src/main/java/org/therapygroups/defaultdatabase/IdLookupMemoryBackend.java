package org.therapygroups.defaultdatabase;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * The in-memory backend with {@link IdLookup}s, for tests and benchmarks that stand in
 * for the local stack's database.
 */
public class IdLookupMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String name) {
		return new MemoryDatabase(name, getCursorRegistry()) {

			@Override
			protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
					List<IndexKey> keys, boolean sparse) {
				return IdLookup.of(keys, super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse));
			}

		};
	}

}
