package org.therapygroups.events.notes;

import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import org.therapygroups.events.EventPayload;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoteEventsTests {

	private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

	private final List<EventPayload> all = List.of(new NoteDrafted("n1", "s1", "g1", "p1", NoteEvent.DRAFT, null, T, T),
			new NoteSigned("n1", "s1", "g1", NoteEvent.SIGNED, "t1", true, T, T.plusSeconds(60)),
			new NoteCoSigned("n1", "s1", "g1", NoteEvent.CO_SIGNED, "sup", T.plusSeconds(120)),
			new NoteAddendumAdded("n1", "a1", "s1", "g1", NoteEvent.CO_SIGNED, "t1", T, T.plusSeconds(180)),
			new NoteVoided("n1", "s1", "g1", NoteEvent.VOIDED, "t1", T.plusSeconds(240)));

	@Test
	void everyNoteTypeHasItsRecordKeyedByGroupAndRoundTrips() {
		assertThat(this.all).extracting((payload) -> Events.typeOf(payload.getClass()))
			.containsExactlyElementsOf(EventTypes.Notes.ALL);
		for (EventPayload payload : this.all) {
			CloudEvent event = Events.create(EventSources.NOTES_SERVICE, payload);
			assertThat(Topics.forEventType(event.getType())).isEqualTo(Topics.NOTES);
			assertThat(event.getSubject()).isEqualTo("n1");
			assertThat(Events.partitionKey(event)).isEqualTo("g1");
			assertThat(Events.payload(event, payload.getClass())).isEqualTo(payload);
		}
	}

	@Test
	void refusesMissingIdsAndUnknownStatuses() {
		assertThatThrownBy(() -> new NoteSigned("n1", "s1", " ", NoteEvent.SIGNED, "t1", false, T, T))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("groupId");
		assertThatThrownBy(() -> new NoteVoided("n1", "s1", "g1", "DELETED", "t1", T))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("status");
	}

}
