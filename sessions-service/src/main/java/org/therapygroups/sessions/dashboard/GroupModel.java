package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A group as the dashboards know it from the events: program, name, modality,
 * facilitators, capacity, and its membership episodes (members and waitlist).
 *
 * @param id the group id
 * @param programId its program
 * @param name its name
 * @param modality its modality
 * @param timeZone the program's zone: days, weeks and months are counted in it
 * @param facilitatorIds the facilitators, lead first
 * @param maxSize its capacity, {@code null} if the events did not say
 * @param episodes membership episodes by episode id
 */
@Document("dashboard_groups")
record GroupModel(@Id String id, String programId, String name, String modality, String timeZone,
		List<String> facilitatorIds, Integer maxSize, Map<String, Episode> episodes) {

	GroupModel {
		facilitatorIds = (facilitatorIds != null) ? List.copyOf(facilitatorIds) : List.of();
		episodes = (episodes != null) ? new LinkedHashMap<>(episodes) : new LinkedHashMap<>();
	}

	ZoneId zone() {
		return (this.timeZone != null) ? ZoneId.of(this.timeZone) : ZoneId.of("UTC");
	}

	GroupModel defined(String programId, String name, String modality, String timeZone, List<String> facilitatorIds,
			Integer maxSize) {
		return new GroupModel(this.id, programId, name, modality, timeZone, facilitatorIds, maxSize, this.episodes);
	}

	GroupModel withEpisode(String episodeId, Episode episode) {
		Map<String, Episode> episodes = new LinkedHashMap<>(this.episodes);
		episodes.put(episodeId, episode);
		return new GroupModel(this.id, this.programId, this.name, this.modality, this.timeZone, this.facilitatorIds,
				this.maxSize, episodes);
	}

	/**
	 * One membership episode.
	 *
	 * @param patientId the patient
	 * @param status {@code WAITLISTED}, {@code ACTIVE}, {@code ON_HOLD}, {@code LEFT} or
	 * {@code DISCHARGED}
	 * @param waitlistedAt when put on the waitlist, if ever
	 * @param joinedAt when they became an active member, if yet
	 * @param endedAt when they left or were discharged, if so
	 */
	record Episode(String patientId, String status, Instant waitlistedAt, Instant joinedAt, Instant endedAt) {

		boolean member() {
			return "ACTIVE".equals(this.status) || "ON_HOLD".equals(this.status);
		}

	}

}
