package org.therapygroups.platform.mongo;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Replaces Boot's indicator, which sends {@code hello} to every database on the server:
 * the MongoDB-compatible default does not know that command, and this service only needs
 * its own database to answer.
 */
public class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	public MongoHealthIndicator(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document result = this.mongo.getDb().runCommand(new Document("ping", 1));
		(result.get("ok") instanceof Number ok && ok.doubleValue() == 1.0 ? builder.up() : builder.down())
			.withDetail("database", this.mongo.getDb().getName());
	}

}
