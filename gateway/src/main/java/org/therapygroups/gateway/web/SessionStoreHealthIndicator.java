package org.therapygroups.gateway.web;

import java.time.Duration;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the store of browser sessions answers a {@code ping}. Replaces Boot's MongoDB
 * indicator, which sends {@code hello} to every database and is refused by the
 * MongoDB-compatible default. It is part of the overall health only, not of readiness:
 * scripts and other services never need it, and a browser meets a plain 503 page while it
 * is away.
 */
// named like Boot's own, which then steps aside; shown as "mongo"
@Component("mongoHealthIndicator")
class SessionStoreHealthIndicator implements ReactiveHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final ReactiveMongoTemplate mongo;

	SessionStoreHealthIndicator(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Mono<Health> health() {
		return this.mongo.executeCommand(new Document("ping", 1))
			.map((answer) -> (answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0) ? Health.up()
					: Health.down())
			.timeout(TIMEOUT)
			.onErrorResume((ex) -> Mono.just(Health.down().withException(ex)))
			.map(Health.Builder::build);
	}

}
