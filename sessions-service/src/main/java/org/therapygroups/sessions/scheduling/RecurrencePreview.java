package org.therapygroups.sessions.scheduling;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What a recurrence would give: each occurrence as a moment and as the wall-clock time in
 * the program's zone, so a director sees 18:00 stay 18:00 across a daylight-saving
 * change.
 */
record RecurrencePreview(String timeZone, String rrule, List<Occurrence> occurrences) {

	record Occurrence(Instant startsAt, LocalDateTime local) {
	}

}
