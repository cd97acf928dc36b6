package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The precomputed figures of one group in one calendar month (in the program's zone),
 * session by session: what every dashboard query sums. Addressed by id
 * ({@code <groupId>|<yyyy-MM>}), so a program's quarter is one read of its groups' months
 * by id and never a scan of attendance.
 *
 * @param id {@code <groupId>|<yyyy-MM>}
 * @param programId the program
 * @param groupId the group
 * @param sessions the figures of each session by session id
 */
@Document("dashboard_group_months")
record GroupMonth(@Id String id, String programId, String groupId, Map<String, SessionFigures> sessions) {

	GroupMonth {
		sessions = (sessions != null) ? new LinkedHashMap<>(sessions) : new LinkedHashMap<>();
	}

	/** The field of the session figures: {@code sessions.<sessionId>} is one session. */
	static final String SESSIONS = "sessions";

	static String key(String groupId, YearMonth month) {
		return groupId + "|" + month;
	}

	/**
	 * One session's figures.
	 *
	 * @param startsAt when it starts
	 * @param day its date in the program's zone
	 * @param status its status
	 * @param counts its counts
	 * @param noteDeadline when its note is due, if it was held (each member's attendance,
	 * for the drill-down, is in the session's own document: what every dashboard query
	 * reads stays small)
	 */
	record SessionFigures(Instant startsAt, LocalDate day, String status, Counts counts, Instant noteDeadline) {

		boolean noteOverdue(Instant now) {
			return this.counts.notesUnsigned() > 0 && this.noteDeadline != null && this.noteDeadline.isBefore(now);
		}

	}

}
