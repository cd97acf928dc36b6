package org.therapygroups.sessions.alert;

/** The engagement rules an alert can name. */
enum Rule {

	/** Missed the last n sessions in a row. */
	CONSECUTIVE_MISSED,

	/** Attended under the program's share over its window. */
	LOW_ATTENDANCE,

	/** An active member attended nothing for the program's number of days. */
	NO_ATTENDANCE

}
