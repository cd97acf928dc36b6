package org.therapygroups.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code directorIds} was added to the group definition: old and new readers keep
 * working.
 */
class GroupDefinitionCompatibilityTests {

	@Test
	void anOlderDefinitionWithoutDirectorsReadsWithNone() throws Exception {
		String older = """
				{"programId":"p1","name":"Tuesday aftercare","modality":"CBT","timeZone":"Europe/Berlin",
				 "facilitators":[{"therapistId":"t1","role":"LEAD"}],"supervisorId":null}
				""";

		GroupDefinition read = PayloadJson.read(older.getBytes(StandardCharsets.UTF_8), GroupDefinition.class);

		assertThat(read.directorIds()).isEmpty();
		assertThat(read.facilitators()).extracting(Facilitator::therapistId).containsExactly("t1");
	}

	@Test
	void directorsSurviveARoundTrip() throws Exception {
		GroupDefinition definition = new GroupDefinition("p1", "Tuesday aftercare", "CBT", "Europe/Berlin",
				List.of(new Facilitator("t1", "LEAD")), null, null, List.of("d1", "d2"));

		GroupDefinition read = PayloadJson.read(PayloadJson.write(definition), GroupDefinition.class);

		assertThat(read).isEqualTo(definition);
	}

}
