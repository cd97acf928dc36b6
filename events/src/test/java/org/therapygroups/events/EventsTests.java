package org.therapygroups.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;
import org.therapygroups.events.identity.UserActivated;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventsTests {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void createsEnvelopeWithAllAttributes() throws Exception {
		UserRegistered payload = TestPayloads.userRegistered();
		OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);

		CloudEvent event = Events.create(EventSources.AUTH_SERVICE, payload);

		assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
		assertThat(UUID.fromString(event.getId())).isEqualTo(Events.id(event));
		assertThat(event.getType()).isEqualTo("therapy.identity.user-registered.v1");
		assertThat(event.getSource()).hasToString("/auth-service");
		assertThat(event.getSubject()).isEqualTo(payload.userId());
		assertThat(event.getTime().getOffset()).isEqualTo(ZoneOffset.UTC);
		assertThat(event.getTime()).isBetween(before, OffsetDateTime.now(ZoneOffset.UTC));
		assertThat(event.getDataContentType()).isEqualTo("application/json");
		assertThat(event.getExtension(Events.PARTITION_KEY_EXTENSION)).isEqualTo(payload.userId());
		JsonNode data = this.json.readTree(event.getData().toBytes());
		List<String> fields = new java.util.ArrayList<>();
		data.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactly("userId", "role", "displayName", "occurredAt");
		assertThat(data.get("occurredAt").asText()).isEqualTo("2026-11-02T08:15:30.123456Z");
		assertThat(Events.payload(event, UserRegistered.class)).isEqualTo(payload);
	}

	@Test
	void eachEventGetsItsOwnId() {
		CloudEvent first = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());
		CloudEvent second = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());
		assertThat(first.getId()).isNotEqualTo(second.getId());
	}

	@Test
	void rebuildsTheSameEventFromGivenIdAndTime() {
		UUID id = UUID.randomUUID();
		OffsetDateTime time = OffsetDateTime.parse("2026-11-02T19:30:00.123456789+01:00");

		CloudEvent first = Events.create(id, time, EventSources.AUTH_SERVICE, TestPayloads.userRegistered());
		CloudEvent again = Events.create(id, time, EventSources.AUTH_SERVICE, TestPayloads.userRegistered());

		assertThat(first.getId()).isEqualTo(id.toString());
		assertThat(first.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-02T18:30:00.123Z"));
		assertThat(again).isEqualTo(first);
	}

	@Test
	void sessionCompletedIsAboutTheSessionAndOrderedByGroup() throws Exception {
		SessionCompleted payload = TestPayloads.sessionCompleted();

		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, payload);

		assertThat(event.getType()).isEqualTo(EventTypes.Sessions.SESSION_COMPLETED);
		assertThat(event.getSubject()).isEqualTo("session-42");
		assertThat(Events.partitionKey(event)).isEqualTo("group-7");
		assertThat(Events.payload(event, SessionCompleted.class)).isEqualTo(payload);
		JsonNode data = this.json.readTree(event.getData().toBytes());
		List<String> fields = new java.util.ArrayList<>();
		data.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactly("sessionId", "groupId", "programId", "modality", "startsAt", "endsAt",
				"roster", "facilitatorIds");
		assertThat(data.get("roster").get(1).get("attendance").asText()).isEqualTo("LATE");
	}

	@Test
	void typeComesFromTheAnnotation() {
		assertThat(Events.typeOf(UserRegistered.class)).isEqualTo(EventTypes.Identity.USER_REGISTERED);
		assertThat(Events.typeOf(SessionCompleted.class)).isEqualTo(EventTypes.Sessions.SESSION_COMPLETED);
		CloudEvent event = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());
		assertThat(Events.isOfType(event, UserRegistered.class)).isTrue();
		assertThat(Events.isOfType(event, UserActivated.class)).isFalse();
	}

	@Test
	void rejectsPayloadWithoutVersionedType() {
		assertThatThrownBy(() -> Events.typeOf(Unversioned.class)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Invalid event type 'therapy.session.completed'");
		assertThatThrownBy(() -> Events.create(EventSources.SESSIONS_SERVICE, new Unversioned("x")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Events.typeOf(UpperCase.class)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Events.typeOf(NotAnnotated.class)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not annotated with @EventType");
	}

	@Test
	void rejectsMissingArguments() {
		assertThatThrownBy(() -> Events.create(" ", TestPayloads.userRegistered()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("source");
		assertThatThrownBy(() -> Events.create(EventSources.AUTH_SERVICE, null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Events.create(null, OffsetDateTime.now(), EventSources.AUTH_SERVICE,
				TestPayloads.userRegistered()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void readingTheWrongPayloadTypeFailsClearly() {
		CloudEvent event = Events.create(EventSources.AUTH_SERVICE, TestPayloads.userRegistered());

		assertThatThrownBy(() -> Events.payload(event, UserActivated.class)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining(
					"has type 'therapy.identity.user-registered.v1', not 'therapy.identity.user-activated.v1'");
	}

	@Test
	void dataThatDoesNotFitTheRecordFailsClearly() {
		CloudEvent event = rawEvent(EventTypes.Identity.USER_REGISTERED, "{\"userId\":\"u1\",\"role\":\"patient\"}");

		assertThatThrownBy(() -> Events.payload(event, UserRegistered.class)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("does not fit UserRegistered");
	}

	@Test
	void eventWithoutDataFailsClearly() {
		CloudEvent event = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withSource(java.net.URI.create("/test"))
			.withType(EventTypes.Identity.USER_REGISTERED)
			.build();

		assertThatThrownBy(() -> Events.payload(event, UserRegistered.class)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("has no data");
	}

	@Test
	void readerToleratesUnknownFieldsAndUnknownAttendanceStatus() {
		String data = """
				{"sessionId":"s1","groupId":"g1","programId":"p1","modality":"DBT",
				 "startsAt":"2026-11-02T17:00:00Z","endsAt":"2026-11-02T18:00:00Z",
				 "roster":[{"patientId":"p-1","attendance":"TELEPORTED","since":"v2"}],
				 "addedInALaterVersion":true}
				""";
		CloudEvent event = rawEvent(EventTypes.Sessions.SESSION_COMPLETED, data);

		SessionCompleted payload = Events.payload(event, SessionCompleted.class);

		assertThat(payload.modality()).isEqualTo("DBT");
		assertThat(payload.roster()).containsExactly(new RosterEntry("p-1", AttendanceStatus.UNKNOWN));
	}

	@Test
	void payloadsValidateTheirContent() {
		Instant now = Instant.now();
		assertThatThrownBy(() -> new UserRegistered(" ", "patient", "P. Patient", now))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new UserRegistered("u1", "patient", "someone@example.org", now))
			.hasMessageContaining("e-mail");
		assertThatThrownBy(
				() -> new SessionCompleted("s", "g", "p", "CBT", now, now.minusSeconds(1), List.of(), List.of()))
			.hasMessageContaining("endsAt");
		assertThatThrownBy(
				() -> new SessionCompleted("s", "g", "p", "CBT", now, now,
						List.of(new RosterEntry("p1", AttendanceStatus.PRESENT),
								new RosterEntry("p1", AttendanceStatus.NO_SHOW)),
						List.of()))
			.hasMessageContaining("twice");
	}

	@Test
	void idMustBeAUuid() {
		CloudEvent event = CloudEventBuilder.v1()
			.withId("not-a-uuid")
			.withSource(java.net.URI.create("/test"))
			.withType(EventTypes.Identity.USER_REGISTERED)
			.build();

		assertThatThrownBy(() -> Events.id(event)).isInstanceOf(EventFormatException.class)
			.hasMessageContaining("not a UUID");
	}

	static CloudEvent rawEvent(String type, String data) {
		return CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withSource(java.net.URI.create("/test"))
			.withType(type)
			.withDataContentType("application/json")
			.withData(data.getBytes(StandardCharsets.UTF_8))
			.build();
	}

	@EventType("therapy.session.completed")
	record Unversioned(String id) implements EventPayload {

		@Override
		public String aggregateId() {
			return this.id;
		}

	}

	@EventType("Therapy.Session.Completed.v1")
	record UpperCase(String id) implements EventPayload {

		@Override
		public String aggregateId() {
			return this.id;
		}

	}

	record NotAnnotated(String id) implements EventPayload {

		@Override
		public String aggregateId() {
			return this.id;
		}

	}

}
