package org.therapygroups.notes.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.therapygroups.events.Topics;

/**
 * Reads the checkpoint topic from its beginning to its current end, as the service does
 * before a verification and as an outside auditor does with the offline verifier.
 */
final class CheckpointTopic {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private CheckpointTopic() {
	}

	/**
	 * Every record value on the topic, oldest first.
	 * @param bootstrapServers the brokers
	 * @return the values (an empty list if the topic does not exist yet)
	 */
	static List<String> readAll(String bootstrapServers) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-verifier-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(Topics.AUDIT_CHECKPOINTS, TIMEOUT);
			if (infos == null || infos.isEmpty()) {
				return values;
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
			long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
			while (!reached(consumer, end)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The checkpoint topic could not be read to its end");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.value() != null) {
						values.add(record.value());
					}
				}
			}
		}
		return values;
	}

	private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
			if (consumer.position(partition.getKey()) < partition.getValue()) {
				return false;
			}
		}
		return true;
	}

}
