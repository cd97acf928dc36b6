package org.therapygroups.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the MongoDB default and the Kafka broker stored is still there after a restart.
 */
class DataSurvivesRestartIT {

	private static final Path ROOT = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();

	@TempDir
	Path data;

	private StackConfig config() throws Exception {
		StackConfig config = new StackConfig(ROOT, this.data, 3000, Optional.empty(), Optional.empty(),
				Optional.empty(), Duration.ofSeconds(120), false);
		config.createDirectories();
		return config;
	}

	@Test
	void mongoDocumentsSurviveARestart() throws Exception {
		StackConfig config = config();
		String id = UUID.randomUUID().toString();
		MongoDefault mongo = new MongoDefault(config);
		run(mongo, () -> {
			try (MongoClient client = MongoClients.create(config.mongoUri())) {
				client.getDatabase("therapy_sessions").getCollection("groups").insertOne(new Document("_id", id));
			}
		});
		MongoDefault restarted = new MongoDefault(config);
		run(restarted, () -> {
			try (MongoClient client = MongoClients.create(config.mongoUri())) {
				assertThat(client.getDatabase("therapy_sessions").getCollection("groups").find(new Document("_id", id)))
					.hasSize(1);
			}
		});
	}

	@Test
	void kafkaRecordsSurviveARestart() throws Exception {
		StackConfig config = config();
		String topic = "restart-check";
		String value = UUID.randomUUID().toString();
		run(new KafkaBroker(config), () -> {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG,
							"all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(topic, "key", value)).get();
			}
		});
		run(new KafkaBroker(config), () -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
							ConsumerConfig.GROUP_ID_CONFIG, "restart-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
							"earliest"),
					new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of(topic));
				Instant deadline = Instant.now().plusSeconds(60);
				boolean found = false;
				while (!found && Instant.now().isBefore(deadline)) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
						found |= record.value().equals(value);
					}
				}
				assertThat(found).as("record written before the restart").isTrue();
			}
		});
	}

	private static void run(Component component, ThrowingRunnable check) throws Exception {
		component.prepare();
		component.start();
		try {
			Instant deadline = Instant.now().plusSeconds(120);
			while (!component.healthy()) {
				assertThat(component.alive()).as("%s is running", component.name()).isTrue();
				assertThat(Instant.now()).as("%s healthy in time", component.name()).isBefore(deadline);
				Thread.sleep(250);
			}
			check.run();
		}
		finally {
			component.stop(Duration.ofSeconds(20));
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
