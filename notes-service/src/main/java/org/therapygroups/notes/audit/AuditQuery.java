package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.domain.Sort;

/**
 * A director's question to the audit trail.
 *
 * @param from entries at or after, or {@code null}
 * @param to entries before, or {@code null}
 * @param userId only this user's, or {@code null}
 * @param patientId only entries touching this patient, or {@code null}
 * @param sort the order
 * @param page page number from 0
 * @param size entries per page (1 to 500)
 */
public record AuditQuery(Instant from, Instant to, String userId, String patientId, Sort sort, int page, int size) {

	/** Sort keys directors may use, to the stored field. */
	public static final Map<String, String> SORT_FIELDS = Map.of("time", "time", "seq", "_id", "user", "userId",
			"action", "action", "outcome", "outcome", "role", "role");

	/**
	 * Parses {@code field} or {@code field,asc|desc}; the sequence number breaks ties.
	 * @param sort the parameter
	 * @return the sort, or {@code null} if the field is unknown
	 */
	public static Sort parseSort(String sort) {
		String[] parts = (sort == null || sort.isBlank()) ? new String[] { "time" } : sort.split(",", -1);
		String field = (parts.length > 0) ? SORT_FIELDS.get(parts[0].strip()) : null;
		if (field == null || parts.length > 2) {
			return null;
		}
		Sort.Direction direction = Sort.Direction.ASC;
		if (parts.length == 2) {
			direction = Sort.Direction.fromOptionalString(parts[1].strip()).orElse(null);
			if (direction == null || parts[1].isBlank()) {
				return null;
			}
		}
		Sort order = Sort.by(direction, field);
		return "_id".equals(field) ? order : order.and(Sort.by(direction, "_id"));
	}

}
