package org.therapygroups.sessions.enrollment;

import java.time.Instant;
import java.util.List;

import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.MembershipEpisode;
import org.therapygroups.sessions.group.MembershipStatus;
import org.therapygroups.sessions.group.StatusChange;

/**
 * One membership episode with its history; {@code waitlistPosition} is 1 for the next in
 * line, {@code null} when not waitlisted. {@code patientName} is the name the patient
 * goes by in the directory (staff call the roster by name), {@code null} when not known
 * yet.
 */
record MembershipView(String episodeId, String groupId, String groupName, String patientId, String patientName,
		MembershipStatus status, Integer waitlistPosition, Instant requestedAt, Instant activeFrom, Instant endedAt,
		List<StatusChange> history) {

	static MembershipView of(Group group, MembershipEpisode episode, Directory directory) {
		int index = group.waitlist().indexOf(episode);
		String name = directory.find(episode.getPatientId()).map(DirectoryUser::displayName).orElse(null);
		return new MembershipView(episode.getEpisodeId(), group.getId(), group.getName(), episode.getPatientId(), name,
				episode.getStatus(), (index >= 0) ? index + 1 : null, episode.getRequestedAt(), episode.getActiveFrom(),
				episode.getEndedAt(), episode.getHistory());
	}

}
