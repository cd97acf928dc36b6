package org.therapygroups.platform.health;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready means consuming: every listener runs and has been given its partitions by the
 * group coordinator. Each listener's consumer is a static member of its group (a stable
 * {@code group.instance.id} per instance and listener), so a restarted instance takes its
 * partitions back at once instead of waiting for the dead consumer's session to expire.
 * Once assigned, a consumer keeps its partitions while the broker is away, so a Kafka
 * outage does not take the instance out of rotation.
 */
class ConsumersHealthIndicator extends AbstractHealthIndicator {

	private final KafkaListenerEndpointRegistry listeners;

	private final String instance;

	/** The {@code group.instance.id} of every consumer that has been given partitions. */
	private final Set<String> assigned = ConcurrentHashMap.newKeySet();

	ConsumersHealthIndicator(KafkaListenerEndpointRegistry listeners, String instance) {
		this.listeners = listeners;
		this.instance = instance;
	}

	private String instanceId(MessageListenerContainer container) {
		return this.instance + "-" + container.getListenerId();
	}

	/**
	 * One id per listener: the listeners of a service share its consumer group, and two
	 * members with one id would fence each other.
	 */
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership() {
		return (container) -> container.getContainerProperties()
			.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(container));
	}

	ConsumerAwareRebalanceListener assignmentTracker() {
		return new ConsumerAwareRebalanceListener() {
			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				consumer.groupMetadata().groupInstanceId().ifPresent(ConsumersHealthIndicator.this.assigned::add);
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				consumer.groupMetadata().groupInstanceId().ifPresent(ConsumersHealthIndicator.this.assigned::remove);
			}
		};
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean consuming = true;
		for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
			boolean running = container.isRunning();
			// spring-kafka appends "-<n>" to the id of each of a container's consumers
			String id = instanceId(container);
			Collection<TopicPartition> partitions = container.getAssignedPartitions();
			// a listener with a factory of its own (e.g. one consumer group per instance)
			// is no static member: its container's own assignment counts
			boolean hasPartitions = this.assigned.stream()
				.anyMatch((member) -> member.equals(id) || member.startsWith(id + "-"))
					|| (partitions != null && !partitions.isEmpty());
			builder.withDetail(container.getListenerId(), Map.of("running", running, "assigned", hasPartitions,
					"partitions", (partitions != null) ? partitions.size() : 0));
			consuming &= running && hasPartitions;
		}
		if (consuming) {
			builder.up();
		}
		else {
			builder.outOfService();
		}
	}

}
