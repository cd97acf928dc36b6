package org.therapygroups.notes.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import org.therapygroups.events.Topics;

/**
 * Publishes checkpoints to {@link Topics#AUDIT_CHECKPOINTS} and reads them back. The
 * topic keeps every record for ever (no time or size limit, no compaction) and has one
 * partition, so its order is the order of publication.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointPublisher implements DisposableBean {

	private final String bootstrapServers;

	private KafkaProducer<String, String> producer;

	CheckpointPublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	@Bean
	static NewTopic auditCheckpointsTopic() {
		return TopicBuilder.name(Topics.AUDIT_CHECKPOINTS)
			.partitions(1)
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
			.build();
	}

	/**
	 * Publishes one checkpoint and waits for the broker's acknowledgement.
	 * @param checkpoint the checkpoint
	 * @throws IllegalStateException if the broker did not take it
	 */
	void publish(Checkpoint checkpoint) {
		try {
			producer().send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS, "audit", checkpoint.toJson()))
				.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The checkpoint was not published", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing a checkpoint", ex);
		}
	}

	/**
	 * Every checkpoint published so far, oldest first.
	 * @return the record values
	 */
	List<String> readAll() {
		return CheckpointTopic.readAll(this.bootstrapServers);
	}

	private synchronized KafkaProducer<String, String> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
					ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), new StringSerializer(), new StringSerializer());
		}
		return this.producer;
	}

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(2));
		}
	}

}
