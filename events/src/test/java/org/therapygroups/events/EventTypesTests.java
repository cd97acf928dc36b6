package org.therapygroups.events;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypesTests {

	@Test
	void everyTypeIsVersionedAndUniqueAcrossOwners() {
		Set<String> all = new HashSet<>();
		Stream.of(EventTypes.Identity.ALL, EventTypes.Sessions.ALL, EventTypes.Notes.ALL)
			.flatMap(Set::stream)
			.forEach((type) -> {
				assertThat(EventTypes.isValid(type)).as(type).isTrue();
				assertThat(EventTypes.version(type)).as(type).isEqualTo(1);
				assertThat(all.add(type)).as("duplicate " + type).isTrue();
			});
		assertThat(EventTypes.Identity.ALL).hasSize(6);
		assertThat(EventTypes.Sessions.ALL).hasSize(18);
		assertThat(EventTypes.Notes.ALL).hasSize(5);
	}

	@Test
	void validatesTheVersionSuffix() {
		assertThat(EventTypes.isValid("therapy.session.completed.v1")).isTrue();
		assertThat(EventTypes.isValid("therapy.identity.user-registered.v12")).isTrue();
		assertThat(EventTypes.version("therapy.identity.user-registered.v12")).isEqualTo(12);
		assertThat(EventTypes.isValid("therapy.session.completed")).isFalse();
		assertThat(EventTypes.isValid("therapy.session.completed.v0")).isFalse();
		assertThat(EventTypes.isValid("therapy.session.completed.V1")).isFalse();
		assertThat(EventTypes.isValid("therapy.completed.v1")).isFalse();
		assertThat(EventTypes.isValid("other.session.completed.v1")).isFalse();
		assertThat(EventTypes.isValid("therapy.session.completed-.v1")).isFalse();
		assertThat(EventTypes.isValid(null)).isFalse();
		assertThatThrownBy(() -> EventTypes.requireValid("therapy.session.completed"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("therapy.<aggregate>.<event>.v<N>");
	}

	@Test
	void topicsFollowTheOwner() {
		assertThat(Topics.forEventType(EventTypes.Identity.USER_ROLE_CHANGED)).isEqualTo("identity.events");
		assertThat(Topics.forEventType(EventTypes.Sessions.ATTENDANCE_RECORDED)).isEqualTo("sessions.events");
		assertThat(Topics.forEventType(EventTypes.Notes.NOTE_SIGNED)).isEqualTo("notes.events");
		assertThatThrownBy(() -> Topics.forEventType("therapy.unknown.thing.v1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void deadLetterTopicNaming() {
		assertThat(Topics.deadLetter(Topics.SESSIONS)).isEqualTo("sessions.events.dlt");
		assertThat(Topics.isDeadLetter("sessions.events.dlt")).isTrue();
		assertThat(Topics.isDeadLetter(Topics.NOTES)).isFalse();
		assertThatThrownBy(() -> Topics.deadLetter("sessions.events.dlt")).isInstanceOf(IllegalArgumentException.class);
	}

}
