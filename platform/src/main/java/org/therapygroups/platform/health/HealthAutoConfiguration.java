package org.therapygroups.platform.health;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import org.therapygroups.platform.mongo.MongoHealthIndicator;
import org.therapygroups.platform.security.SecurityProperties;

/**
 * Health and readiness the same way in every service (docs/health.md): {@code mongo} (the
 * service's own database), {@code kafka} and {@code keycloak} (shown, not part of
 * readiness), and {@code consumers} (every Kafka listener running and assigned, part of
 * readiness where the service consumes). The Mongo driver fails fast while the database
 * is away. Each indicator yields to a service's own bean of the same name;
 * {@code therapy.platform.health.enabled=false} turns all of them off.
 */
@AutoConfiguration(before = MongoHealthContributorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "therapy.platform.health.enabled", matchIfMissing = true)
public class HealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "fastFailingMongoClient")
	MongoClientSettingsBuilderCustomizer fastFailingMongoClient(
			@Value("${therapy.mongodb.server-selection-timeout:1s}") Duration serverSelection,
			@Value("${therapy.mongodb.connect-timeout:2s}") Duration connect,
			@Value("${therapy.mongodb.socket-timeout:15s}") Duration socket) {
		return MongoTimeouts.fastFailingMongoClient(serverSelection, connect, socket);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	MongoHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return new MongoHealthIndicator(mongo);
	}

	@Bean
	@ConditionalOnMissingBean(name = "keycloakHealthIndicator")
	@ConditionalOnProperty("therapy.security.jwk-set-uri")
	KeycloakHealthIndicator keycloakHealthIndicator(SecurityProperties properties) {
		return new KeycloakHealthIndicator(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KafkaAdmin.class)
	static class Kafka {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
			return new KafkaHealthIndicator(admin);
		}

		/**
		 * Only in a service that consumes: {@code therapy.kafka.instance-id} names its
		 * static group membership.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "consumersHealthIndicator")
		@ConditionalOnProperty("therapy.kafka.instance-id")
		ConsumersHealthIndicator consumersHealthIndicator(KafkaListenerEndpointRegistry listeners,
				@Value("${therapy.kafka.instance-id}") String instance) {
			return new ConsumersHealthIndicator(listeners, instance);
		}

		@Bean
		@ConditionalOnProperty("therapy.kafka.instance-id")
		ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership(
				ConsumersHealthIndicator consumers) {
			return consumers.staticMembership();
		}

		@Bean
		@ConditionalOnProperty("therapy.kafka.instance-id")
		ConsumerAwareRebalanceListener assignmentTracker(ConsumersHealthIndicator consumers) {
			return consumers.assignmentTracker();
		}

	}

}
