package org.therapygroups.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;

/**
 * What happens to a record the listener cannot handle. Records that cannot be read at all
 * and events whose payload does not fit are parked at once on {@code <topic>.dlt}, with
 * their original key and value and the error in the headers, and the partition moves on:
 * retrying cannot fix them. Any other failure is retried, backing off, until it succeeds.
 * <p>
 * Boot puts this error handler on its default listener container factory, so it applies
 * to every {@code @KafkaListener} of the service; all of them read CloudEvents topics
 * that have a {@code .dlt} twin. A service's own {@code DefaultErrorHandler} replaces it.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBooleanProperty(name = "therapy.platform.dead-letters.enabled", matchIfMissing = true)
public class DeadLetterPublishing implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

	/**
	 * A failure other than an unreadable event (the database away, say) is retried
	 * without end, backing off to once every 30 s: parking a good event would lose it.
	 * Only events that can never be read go to the dead-letter topic.
	 */
	private static ExponentialBackOff retries() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		return backOff;
	}

	private DefaultKafkaProducerFactory<String, Object> deadLetterProducers;

	@Bean
	@ConditionalOnMissingBean
	DefaultErrorHandler kafkaErrorHandler(ProducerFactory<?, ?> producerFactory) {
		// Boot's template serializes strings; a dead letter is either the raw bytes of an
		// unreadable record or the CloudEvent whose handling failed, so it gets its own
		// producer with Boot's connection settings and a serializer per value type
		Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
		serializers.put(byte[].class, new ByteArraySerializer());
		serializers.put(CloudEvent.class, new StructuredCloudEventSerializer());
		this.deadLetterProducers = new DefaultKafkaProducerFactory<>(producerFactory.getConfigurationProperties(),
				new StringSerializer(), new DelegatingByTypeSerializer(serializers, true));
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
				new KafkaTemplate<>(this.deadLetterProducers),
				// the contract's <topic>.dlt, not spring-kafka's <topic>-dlt; partition
				// -1
				// lets the key choose, so the DLT may have any number of partitions
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		DefaultErrorHandler errorHandler = new DefaultErrorHandler((record, ex) -> {
			// ids and the error type only: messages may quote the record's content
			log.warn("Dead-lettering {}-{}@{} (key {}) after {}", record.topic(), record.partition(), record.offset(),
					record.key(), causeTypes(ex));
			recoverer.accept(record, ex);
		}, retries());
		errorHandler.addNotRetryableExceptions(EventFormatException.class);
		return errorHandler;
	}

	/** E.g. {@code ListenerExecutionFailedException < EventFormatException < ...}. */
	private static String causeTypes(Throwable ex) {
		StringJoiner types = new StringJoiner(" < ");
		// bounded: a cause chain may loop
		for (Throwable cause = ex; cause != null && types.length() < 500; cause = cause.getCause()) {
			types.add(cause.getClass().getSimpleName());
		}
		return types.toString();
	}

	@Override
	public void destroy() {
		if (this.deadLetterProducers != null) {
			this.deadLetterProducers.destroy();
		}
	}

}
