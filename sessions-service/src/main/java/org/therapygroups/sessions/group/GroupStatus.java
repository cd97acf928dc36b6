package org.therapygroups.sessions.group;

public enum GroupStatus {

	ACTIVE,
	/** Ran its course: no sessions after it ended, the past is kept. */
	FINISHED,
	/** Stopped early: no sessions after it was cancelled, the past is kept. */
	CANCELLED

}
