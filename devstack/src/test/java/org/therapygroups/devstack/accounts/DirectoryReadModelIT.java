package org.therapygroups.devstack.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user created in auth-service reaches the directory read models of sessions-service
 * and notes-service through identity.events alone, and an event delivered again changes
 * nothing there.
 */
@ExtendWith(RunningStack.class)
class DirectoryReadModelIT {

	private static final Map<String, String> CONSUMERS = Map.of("therapy_sessions", "sessions-service", "therapy_notes",
			"notes-service");

	@Test
	void aNewTherapistAppearsInBothReadModelsAndARedeliveryChangesNothing() throws Exception {
		String email = "read.model." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		var created = AccountsIT.post("/api/auth/staff", Tokens.forUser("director1"),
				AccountsIT.staff("Rhea", "Model", email, "therapist"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String userId = Http.json(created).get("userId").asText();

		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			Map<String, Document> before = Map.of();
			Instant deadline = Instant.now().plusSeconds(60);
			while (Instant.now().isBefore(deadline)) {
				before = new HashMap<>();
				for (String db : CONSUMERS.keySet()) {
					Document entry = directoryEntry(mongo, db, userId);
					if (entry != null) {
						before.put(db, entry);
					}
				}
				if (before.size() == CONSUMERS.size()) {
					break;
				}
				Thread.sleep(250);
			}
			assertThat(before).as("directory entries of %s", userId).containsOnlyKeys(CONSUMERS.keySet());
			before.values().forEach((entry) -> {
				assertThat(entry.getString("role")).isEqualTo("therapist");
				assertThat(entry.getString("displayName")).isEqualTo("Rhea Model");
				assertThat(entry.toJson()).doesNotContain("@");
			});

			CloudEvent registered = AccountsIT.eventsOf(userId, 1).get(0);
			redeliver(registered, userId);
			awaitConsumersCaughtUp();

			for (String db : CONSUMERS.keySet()) {
				assertThat(directoryEntry(mongo, db, userId)).as(db).isEqualTo(before.get(db));
				String consumer = CONSUMERS.get(db) + ".directory|" + registered.getId();
				assertThat(mongo.getDatabase(db)
					.getCollection("processed_events")
					.countDocuments(Filters.eq("_id", consumer))).as(consumer).isEqualTo(1);
			}
		}
	}

	/** The imported demo users were never created through auth-service. */
	@Test
	void aUserCreatedInKeycloakDirectlyGetsAnAccountOnFirstUseOfTheirProfile() throws Exception {
		String token = Tokens.forUser("therapist1");
		var profile = Http.get(RunningStack.config().gatewayUrl() + "/api/auth/me/profile", token);
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		assertThat(Http.json(profile).get("role").asText()).isEqualTo("therapist");
		String userId = Http.json(profile).get("id").asText();
		try (MongoClient mongo = MongoClients.create(RunningStack.config().mongoUri())) {
			Instant deadline = Instant.now().plusSeconds(60);
			while (directoryEntry(mongo, "therapy_sessions", userId) == null
					|| directoryEntry(mongo, "therapy_notes", userId) == null) {
				assertThat(Instant.now()).as("therapist1 in both read models").isBefore(deadline);
				Thread.sleep(250);
			}
			assertThat(directoryEntry(mongo, "therapy_sessions", userId).getString("role")).isEqualTo("therapist");
		}
	}

	private static Document directoryEntry(MongoClient mongo, String database, String userId) {
		return mongo.getDatabase(database).getCollection("directory_users").find(Filters.eq("_id", userId)).first();
	}

	private static void redeliver(CloudEvent event, String key) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StructuredCloudEventSerializer())) {
			producer.send(new ProducerRecord<>(Topics.IDENTITY, key, event)).get();
		}
	}

	/** Both services' consumer groups have committed past the end of identity.events. */
	private static void awaitConsumersCaughtUp() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap()))) {
			Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.IDENTITY))
				.allTopicNames()
				.get()
				.get(Topics.IDENTITY)
				.partitions()
				.stream()
				.map((p) -> new TopicPartition(Topics.IDENTITY, p.partition()))
				.collect(Collectors.toSet());
			Map<TopicPartition, Long> ends = admin
				.listOffsets(partitions.stream().collect(Collectors.toMap((p) -> p, (p) -> OffsetSpec.latest())))
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().offset()));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			for (String group : CONSUMERS.values()) {
				while (true) {
					Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
						.partitionsToOffsetAndMetadata()
						.get();
					boolean caughtUp = ends.entrySet()
						.stream()
						.allMatch((end) -> end.getValue() == 0 || (committed.get(end.getKey()) != null
								&& committed.get(end.getKey()).offset() >= end.getValue()));
					if (caughtUp) {
						break;
					}
					assertThat(Instant.now()).as("%s caught up on %s", group, Topics.IDENTITY).isBefore(deadline);
					Thread.sleep(250);
				}
			}
		}
	}

}
