package org.therapygroups.devstack.scheduling;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every consumer group of the stack with members has committed the end of
 * every partition it reads: the events of one phase of a benchmark are all handled before
 * the next phase is timed, so that phase measures its own work rather than the backlog of
 * the one before.
 */
final class ConsumersCaughtUp {

	private ConsumersCaughtUp() {
	}

	/**
	 * @return how long the consumers took to catch up
	 */
	static Duration await(String bootstrap, Duration timeout) throws Exception {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		try (Admin admin = Admin.create(properties)) {
			while (lag(admin) > 0) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("consumers still behind after " + timeout);
				}
				Thread.sleep(250);
			}
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static long lag(Admin admin) throws Exception {
		Map<TopicPartition, Long> committed = new HashMap<>();
		List<String> groups = admin.listConsumerGroups()
			.all()
			.get()
			.stream()
			.map(ConsumerGroupListing::groupId)
			.toList();
		for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
			if (group.members().isEmpty()) {
				// a client that has gone (a test's own reader, say) never catches up
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get();
			offsets.forEach((partition, offset) -> committed.merge(partition, (offset != null) ? offset.offset() : 0L,
					Math::min));
		}
		if (committed.isEmpty()) {
			return 0;
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()));
		}
		return lag;
	}

}
