package org.therapygroups.platform.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

/**
 * The driver waits 30 s for a server and forever for an answer by default; while the
 * database is away a request should rather fail fast (503, see
 * {@code DatabaseUnavailableHandler}) and a readiness probe report DOWN. Server selection
 * is the wait a request sees when the database is down; connect and socket timeouts bound
 * a database that hangs instead.
 */
class MongoTimeouts {

	static MongoClientSettingsBuilderCustomizer fastFailingMongoClient(
			@Value("${therapy.mongodb.server-selection-timeout:1s}") Duration serverSelection,
			@Value("${therapy.mongodb.connect-timeout:2s}") Duration connect,
			@Value("${therapy.mongodb.socket-timeout:15s}") Duration socket) {
		return (settings) -> settings
			.applyToClusterSettings(
					(cluster) -> cluster.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings((sockets) -> sockets.connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
				.readTimeout(socket.toMillis(), TimeUnit.MILLISECONDS));
	}

}
