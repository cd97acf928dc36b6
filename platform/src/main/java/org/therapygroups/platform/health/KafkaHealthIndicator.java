package org.therapygroups.platform.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the broker answers, shown in {@code /actuator/health}. Not part of readiness:
 * writes keep working through the outbox while the broker is away (docs/health.md).
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final AdminClient admin;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
		int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("brokers", brokers);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(1));
	}

}
