package org.therapygroups.events;

import java.time.Instant;
import java.util.List;

import org.therapygroups.events.identity.Roles;
import org.therapygroups.events.identity.UserRegistered;
import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;

public final class TestPayloads {

	private TestPayloads() {
	}

	public static UserRegistered userRegistered() {
		return new UserRegistered("8b7c2f3e-1111-4a4a-9c9c-000000000001", Roles.THERAPIST, "Dr. A. Meyer",
				Instant.parse("2026-11-02T08:15:30.123456Z"));
	}

	public static SessionCompleted sessionCompleted() {
		return new SessionCompleted("session-42", "group-7", "program-1", "CBT", Instant.parse("2026-11-02T17:00:00Z"),
				Instant.parse("2026-11-02T18:30:00Z"),
				List.of(new RosterEntry("patient-1", AttendanceStatus.PRESENT),
						new RosterEntry("patient-2", AttendanceStatus.LATE),
						new RosterEntry("patient-3", AttendanceStatus.EXCUSED)),
				List.of("therapist-1"));
	}

}
