package org.therapygroups.auth.health;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The driver waits 30 s for a server by default; a request or a readiness probe should
 * rather fail fast while the database is away.
 */
@Configuration(proxyBeanMethods = false)
class MongoTimeouts {

	@Bean
	MongoClientSettingsBuilderCustomizer fastServerSelection() {
		return (settings) -> settings
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(3, TimeUnit.SECONDS));
	}

}
