package org.therapygroups.sessions.program;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A treatment program (e.g. "Outpatient aftercare"): its groups share a time zone and are
 * managed by its directors.
 *
 * @param id the program id
 * @param name its name
 * @param timeZone the IANA zone every recurrence of its groups is expressed in
 * @param directorIds the directors who manage it (the creator first)
 * @param createdAt when it was created
 */
@Document("programs")
public record Program(@Id String id, String name, String timeZone, List<String> directorIds, Instant createdAt) {

	public ZoneId zone() {
		return ZoneId.of(this.timeZone);
	}

	public boolean isDirectedBy(String userId) {
		return this.directorIds.contains(userId);
	}

}
