package org.therapygroups.auth.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The service's real security rules, for web slice tests, with an in-process database for
 * the deactivated-account check.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(AuthRules.class)
public class SecurityTestConfig {

	@Bean(destroyMethod = "shutdownNow")
	MongoServer securityTestMongoServer() {
		return new MongoServer(new MemoryBackend());
	}

	@Bean(destroyMethod = "close")
	MongoClient securityTestMongoClient(MongoServer server) {
		return MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
	}

	@Bean
	MongoTemplate mongoTemplate(MongoClient client) {
		return new MongoTemplate(client, "security_test");
	}

}
