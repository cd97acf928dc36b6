package org.therapygroups.devstack.scheduling;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.kafka.StructuredCloudEventDeserializer;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling flow through the gateway on the whole stack, with real Keycloak users: a
 * director creates a group, patients enrol, one is waitlisted in the full group and
 * promoted when a seat frees, the therapist records attendance, the session completes,
 * its event is on the topic and notes-service has drafted the session's note from it.
 */
@ExtendWith(RunningStack.class)
class SchedulingFlowIT {

	@Test
	void fromANewGroupToACompletedSessionOnTheTopic() throws Exception {
		String director = Tokens.forUser("director1");
		String therapist = Tokens.forUser("therapist1");
		// demo users reach the sessions directory on their first profile use
		String therapistId = Http.json(get("/api/auth/me/profile", therapist)).get("id").asText();
		Patients.Patient ann = Patients.invite("Ann");
		Patients.Patient ben = Patients.invite("Ben");

		HttpResponse<String> program = post("/api/sessions/programs", director,
				Map.of("name", "Aftercare " + UUID.randomUUID().toString().substring(0, 6), "timeZone", "UTC"));
		assertThat(program.statusCode()).as(program.body()).isEqualTo(201);
		String programId = Http.json(program).get("id").asText();

		// the first session starts in ten minutes, so the facilitator may open it now
		LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(10);
		Map<String, Object> group = new java.util.LinkedHashMap<>();
		group.put("name", "Evening aftercare");
		group.put("modality", "CBT");
		group.put("openness", "OPEN");
		group.put("aftercare", true);
		group.put("selfEnrollment", true);
		group.put("minSize", 1);
		group.put("maxSize", 1);
		group.put("facilitators", List.of(Map.of("therapistId", therapistId, "role", "LEAD")));
		group.put("location", Map.of("telehealthUrl", "https://video.example.test/evening"));
		group.put("sessionMinutes", 60);
		group.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", start.toString(), "count", 3));
		HttpResponse<String> created = null;
		Instant deadline = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(deadline)) {
			created = post("/api/sessions/programs/" + programId + "/groups", director, group);
			// the facilitator may not have reached the sessions directory yet
			if (created.statusCode() != 400) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String groupId = Http.json(created).get("id").asText();

		JsonNode annJoins = Http.json(post("/api/sessions/groups/" + groupId + "/memberships", ann.token(), Map.of()));
		assertThat(annJoins.get("status").asText()).isEqualTo("ACTIVE");
		JsonNode benJoins = Http.json(post("/api/sessions/groups/" + groupId + "/memberships", ben.token(), Map.of()));
		assertThat(benJoins.get("status").asText()).isEqualTo("WAITLISTED");
		assertThat(benJoins.get("waitlistPosition").asInt()).isEqualTo(1);

		HttpResponse<String> annLeaves = post(
				"/api/sessions/groups/" + groupId + "/memberships/" + annJoins.get("episodeId").asText() + "/status",
				ann.token(), Map.of("status", "LEFT"));
		assertThat(annLeaves.statusCode()).as(annLeaves.body()).isEqualTo(200);
		JsonNode benNow = Http.json(get("/api/sessions/me/memberships", ben.token())).get(0);
		assertThat(benNow.get("status").asText()).isEqualTo("ACTIVE");

		// Ben's calendar app polls his secret feed through the gateway, without a token
		HttpResponse<String> feed = post("/api/sessions/me/calendar-feed", ben.token(), Map.of());
		assertThat(feed.statusCode()).as(feed.body()).isEqualTo(201);
		String feedUrl = Http.json(feed).get("url").asText();
		assertThat(feedUrl).startsWith(RunningStack.config().gatewayUrl() + "/api/sessions/public/calendar/");
		HttpResponse<String> ics = Http.get(feedUrl, null);
		assertThat(ics.statusCode()).isEqualTo(200);
		assertThat(ics.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/calendar"));
		assertThat(ics.body()).contains("BEGIN:VCALENDAR", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:Evening aftercare");
		JsonNode schedule = Http.json(get("/api/sessions/me/schedule", ben.token()));
		assertThat(schedule).hasSize(3);

		JsonNode sessions = Http.json(get("/api/sessions/groups/" + groupId + "/sessions", therapist));
		assertThat(sessions).hasSize(3);
		String sessionId = sessions.get(0).get("id").asText();
		assertThat(post("/api/sessions/sessions/" + sessionId + "/start", therapist, Map.of()).statusCode())
			.isEqualTo(200);
		HttpResponse<String> present = Http.send("PUT",
				gateway("/api/sessions/sessions/" + sessionId + "/attendance/" + ben.id()), therapist,
				"application/json", Http.toJson(Map.of("status", "PRESENT")));
		assertThat(present.statusCode()).as(present.body()).isEqualTo(200);
		HttpResponse<String> notMember = Http.send("PUT",
				gateway("/api/sessions/sessions/" + sessionId + "/attendance/" + ann.id()), therapist,
				"application/json", Http.toJson(Map.of("status", "PRESENT")));
		assertThat(notMember.statusCode()).isEqualTo(400);
		HttpResponse<String> completed = post("/api/sessions/sessions/" + sessionId + "/complete", therapist, Map.of());
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);

		List<CloudEvent> events = eventsOf(groupId, EventTypes.Sessions.SESSION_COMPLETED);
		assertThat(events).extracting(CloudEvent::getType)
			.containsSubsequence(EventTypes.Sessions.GROUP_CREATED, EventTypes.Sessions.MEMBERSHIP_JOINED,
					EventTypes.Sessions.MEMBERSHIP_WAITLISTED, EventTypes.Sessions.MEMBERSHIP_LEFT,
					EventTypes.Sessions.MEMBERSHIP_PROMOTED)
			.contains(EventTypes.Sessions.SESSION_SCHEDULED, EventTypes.Sessions.SESSION_STARTED,
					EventTypes.Sessions.ATTENDANCE_RECORDED, EventTypes.Sessions.SESSION_COMPLETED);
		CloudEvent done = events.stream()
			.filter((e) -> e.getType().equals(EventTypes.Sessions.SESSION_COMPLETED))
			.findFirst()
			.orElseThrow();
		SessionCompleted payload = Events.payload(done, SessionCompleted.class);
		assertThat(payload.sessionId()).isEqualTo(sessionId);
		assertThat(payload.facilitatorIds()).containsExactly(therapistId);
		assertThat(payload.roster()).containsExactly(new RosterEntry(ben.id(), AttendanceStatus.PRESENT));
		assertThat(new String(done.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Ann",
				"Ben", "Evening aftercare");
		// notes-service drafted the session's note from that event, with its roster
		JsonNode draft = null;
		Instant until = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(until)) {
			HttpResponse<String> note = get("/api/notes?sessionId=" + sessionId, therapist);
			if (note.statusCode() == 200) {
				draft = Http.json(note);
				break;
			}
			Thread.sleep(500);
		}
		assertThat(draft).as("draft note of session %s", sessionId).isNotNull();
		assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
		assertThat(draft.get("modality").asText()).isEqualTo("CBT");
		assertThat(draft.get("roster")).hasSize(1);
		assertThat(draft.get("roster").get(0).get("patientId").asText()).isEqualTo(ben.id());
		assertThat(draft.get("roster").get(0).get("attendance").asText()).isEqualTo("PRESENT");
	}

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	private static HttpResponse<String> get(String path, String token) {
		return Http.get(gateway(path), token);
	}

	private static HttpResponse<String> post(String path, String token, Object body) {
		return Patients.post(path, token, body);
	}

	/** The group's events in topic order, read until one of the awaited type arrived. */
	private static List<CloudEvent> eventsOf(String groupId, String awaitedType) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningStack.config().kafkaBootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "scheduling-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<CloudEvent> found = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StructuredCloudEventDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSIONS));
			Instant deadline = Instant.now().plusSeconds(60);
			while (Instant.now().isBefore(deadline)
					&& found.stream().noneMatch((e) -> e.getType().equals(awaitedType))) {
				for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
					if (groupId.equals(record.key())) {
						found.add(record.value());
					}
				}
			}
		}
		assertThat(found).as("events of group %s", groupId).isNotEmpty();
		return found;
	}

}
