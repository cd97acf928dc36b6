package org.therapygroups.events.sessions;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A member's attendance at one session, in the statuses programs use in practice. Minutes
 * late or left early belong to the attendance record, not to this status.
 */
public enum AttendanceStatus {

	/** Attended. */
	PRESENT,

	/** Attended, arrived late. */
	LATE,

	/** Attended, left before the end. */
	LEFT_EARLY,

	/** Did not attend and gave no notice. */
	NO_SHOW,

	/** The patient cancelled with enough notice. */
	CANCELLED_BY_PATIENT,

	/** The patient cancelled with less than 24 hours' notice. */
	LATE_CANCELLATION,

	/** The clinician cancelled for this patient. */
	CANCELLED_BY_CLINICIAN,

	/** An excused absence. */
	EXCUSED,

	/** Nobody recorded anything for this member. */
	NOT_RECORDED,

	/**
	 * A status this version of the contract does not know (a newer producer); consumers
	 * treat it like {@link #NOT_RECORDED}. Producers never send it.
	 */
	@JsonEnumDefaultValue
	UNKNOWN

}
