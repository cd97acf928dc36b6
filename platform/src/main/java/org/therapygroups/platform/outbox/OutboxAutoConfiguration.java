package org.therapygroups.platform.outbox;

import io.cloudevents.CloudEvent;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The transactional outbox of every service, configured by the names of the collections
 * whose documents carry an {@code outbox} array ({@code therapy.outbox.collections}); a
 * service without that property publishes nothing this way.
 */
@AutoConfiguration
@ConditionalOnProperty("therapy.outbox.collections")
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka, OutboxProperties properties) {
		return new OutboxRelay(mongo, kafka, properties);
	}

}
