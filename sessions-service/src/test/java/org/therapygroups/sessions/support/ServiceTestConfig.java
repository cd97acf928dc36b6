package org.therapygroups.sessions.support;

import java.time.Instant;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The test clock and the MongoDB server of {@link ServiceTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceTestConfig {

	/** Tuesday 1 September 2026, 17:55 in Berlin. */
	public static final Instant NOW = Instant.parse("2026-09-01T15:55:00Z");

	static final MongoServer MONGO = new MongoServer(new MemoryBackend());

	static final String MONGO_URI = "mongodb://127.0.0.1:" + MONGO.bind().getPort();

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(NOW);
	}

	/** Points spring.mongodb.uri at the in-process server before the context starts. */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("spring.mongodb.uri=" + MONGO_URI).applyTo(context);
		}

	}

}
