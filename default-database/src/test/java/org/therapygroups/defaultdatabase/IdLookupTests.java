package org.therapygroups.defaultdatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Filters that name {@code _id} and more answer exactly as without the look-up, on both
 * backends: the document with that id when the rest matches too, nothing otherwise.
 */
class IdLookupTests {

	static Stream<Arguments> backends() {
		Supplier<MongoBackend> memory = IdLookupMemoryBackend::new;
		Supplier<MongoBackend> h2 = () -> new H2Backend(new MVStore.Builder().open()) {

			@Override
			protected MongoDatabase openOrCreateDatabase(String name) {
				return new IdLookupH2Database(name, getMvStore(), getCursorRegistry());
			}

		};
		return Stream.of(Arguments.of("memory", memory), Arguments.of("h2", h2));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("backends")
	void conditionalReadsWritesAndDeletesByIdMatchTheWholeFilter(String name, Supplier<MongoBackend> backend) {
		withCollection(backend, (notes) -> {
			notes.insertMany(List.of(new Document("_id", "a").append("status", "DRAFT").append("version", 1),
					new Document("_id", "b").append("status", "SIGNED").append("version", 4)));

			assertThat(notes.find(Filters.and(Filters.eq("_id", "a"), Filters.eq("status", "DRAFT"))).first())
				.containsEntry("version", 1);
			assertThat(notes.find(Filters.and(Filters.eq("_id", "a"), Filters.eq("status", "SIGNED"))).first())
				.isNull();
			assertThat(notes.find(Filters.and(Filters.eq("_id", "nobody"), Filters.eq("status", "DRAFT"))).first())
				.isNull();

			// a version-guarded write: once, then stale
			assertThat(notes
				.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 1)), Updates.inc("version", 1))
				.getModifiedCount()).isOne();
			assertThat(notes
				.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.eq("version", 1)), Updates.inc("version", 1))
				.getModifiedCount()).isZero();
			assertThat(notes.findOneAndUpdate(
					Filters.and(Filters.eq("_id", "b"), Filters.in("status", "SIGNED", "CO_SIGNED")),
					Updates.set("status", "CO_SIGNED")))
				.containsEntry("status", "SIGNED");

			// an operator on _id still works, by going through the collection
			List<Object> ids = new ArrayList<>();
			notes.find(Filters.and(Filters.in("_id", "a", "b"), Filters.gt("version", 1)))
				.forEach((d) -> ids.add(d.get("_id")));
			assertThat(ids).containsExactlyInAnyOrder("a", "b");

			assertThat(notes.deleteOne(Filters.and(Filters.eq("_id", "b"), Filters.eq("status", "DRAFT")))
				.getDeletedCount()).isZero();
			assertThat(notes.deleteOne(Filters.and(Filters.eq("_id", "b"), Filters.eq("status", "CO_SIGNED")))
				.getDeletedCount()).isOne();
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("backends")
	void anUpsertGuardedByMoreThanTheIdInsertsOnceAndThenCollidesAsOnMongoDb(String name,
			Supplier<MongoBackend> backend) {
		withCollection(backend, (head) -> {
			UpdateOptions upsert = new UpdateOptions().upsert(true);
			head.updateOne(Filters.and(Filters.eq("_id", "head"), Filters.lt("seq", 5)), Updates.set("seq", 5), upsert);
			head.updateOne(Filters.and(Filters.eq("_id", "head"), Filters.lt("seq", 7)), Updates.set("seq", 7), upsert);
			assertThat(head.find(Filters.eq("_id", "head")).first()).containsEntry("seq", 7);
			// the head is further on: no match, and the insert the upsert tries collides
			assertThatThrownBy(() -> head.updateOne(Filters.and(Filters.eq("_id", "head"), Filters.lt("seq", 6)),
					Updates.set("seq", 6), upsert))
				.isInstanceOf(MongoWriteException.class)
				.hasMessageContaining("E11000");
			assertThat(head.find(Filters.eq("_id", "head")).first()).containsEntry("seq", 7);
		});
	}

	private static void withCollection(Supplier<MongoBackend> backend,
			java.util.function.Consumer<MongoCollection<Document>> test) {
		MongoServer server = new MongoServer(backend.get());
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
			test.accept(client.getDatabase("test").getCollection("things"));
		}
		finally {
			server.shutdownNow();
		}
	}

}
