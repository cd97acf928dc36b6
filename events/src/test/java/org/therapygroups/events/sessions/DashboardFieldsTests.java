package org.therapygroups.events.sessions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.Events;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields dashboards added to the sessions contract, old and new readers alike. */
class DashboardFieldsTests {

	private static final Instant NOW = Instant.parse("2026-09-01T16:00:00Z");

	@Test
	void groupDefinitionWithoutMaxSizeFromAnOlderProducerIsStillRead() {
		String json = """
				{"groupId":"g1","definition":{"programId":"p1","name":"Tuesday","modality":"CBT",
				"timeZone":"Europe/Berlin","facilitators":[{"therapistId":"t1","role":"LEAD"}],"supervisorId":null},
				"actorId":"d1","occurredAt":"2026-09-01T16:00:00Z"}""";
		CloudEvent event = CloudEventBuilder.v1()
			.withId("e1")
			.withSource(URI.create(EventSources.SESSIONS_SERVICE))
			.withType(Events.typeOf(GroupCreated.class))
			.withDataContentType(Events.DATA_CONTENT_TYPE)
			.withData(json.getBytes(StandardCharsets.UTF_8))
			.build();

		GroupCreated created = Events.payload(event, GroupCreated.class);

		assertThat(created.definition().maxSize()).isNull();
		assertThat(created.definition().facilitators()).extracting(Facilitator::therapistId).containsExactly("t1");
	}

	@Test
	void groupDefinitionCarriesMaxSize() {
		GroupCreated created = new GroupCreated("g1", new GroupDefinition("p1", "Tuesday", "CBT", "UTC",
				List.of(new Facilitator("t1", "LEAD")), null, 10, List.of()), "d1", NOW);

		CloudEvent event = Events.create(EventSources.SESSIONS_SERVICE, created);

		assertThat(Events.payload(event, GroupCreated.class)).isEqualTo(created);
	}

	@Test
	void alertEventsRoundTripKeyedByGroup() {
		AlertRaised raised = new AlertRaised("a1", "g1", "p1", "pt1", "CONSECUTIVE_MISSED", List.of("t1"), NOW);
		AlertResolved resolved = new AlertResolved("a1", "g1", "pt1", "CONSECUTIVE_MISSED", "REACHED", "t1", NOW);
		AlertCleared cleared = new AlertCleared("a1", "g1", "pt1", "CONSECUTIVE_MISSED", "s1", NOW);

		assertThat(Events.payload(Events.create(EventSources.SESSIONS_SERVICE, raised), AlertRaised.class))
			.isEqualTo(raised);
		assertThat(Events.payload(Events.create(EventSources.SESSIONS_SERVICE, resolved), AlertResolved.class))
			.isEqualTo(resolved);
		assertThat(Events.partitionKey(Events.create(EventSources.SESSIONS_SERVICE, cleared))).isEqualTo("g1");
	}

}
