package org.therapygroups.sessions.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document saved with a version check has an index of exactly {@code _id} and
 * {@code version}: on the default database a save without it scans the whole collection,
 * which once made attendance writes wait on a scan of every session.
 */
@ServiceTest
class VersionedSavesIndexTests {

	@Autowired
	MongoTemplate mongo;

	@Test
	void everyVersionedDocumentIsSavedThroughAnIndex() {
		List<String> versioned = new ArrayList<>();
		for (MongoPersistentEntity<?> entity : this.mongo.getConverter().getMappingContext().getPersistentEntities()) {
			if (entity.hasVersionProperty() && entity.isAnnotationPresent(Document.class)) {
				versioned.add(entity.getCollection());
			}
		}
		assertThat(versioned).contains("sessions", "groups", "alerts");
		for (String collection : versioned) {
			List<List<String>> indexes = new ArrayList<>();
			for (IndexInfo index : this.mongo.indexOps(collection).getIndexInfo()) {
				indexes.add(index.getIndexFields().stream().map(IndexField::getKey).toList());
			}
			assertThat(indexes).as(collection).contains(List.of("_id", "version"));
		}
	}

}
