package org.therapygroups.sessions.group;

public enum MembershipStatus {

	/** Holds a seat and is on every session's roster. */
	ACTIVE,
	/** Waits for a seat; promoted in order when one frees. */
	WAITLISTED,
	/** Keeps the seat while away for a while (and stays on the roster). */
	ON_HOLD,
	/** Ended by the patient's choice. */
	LEFT,
	/** Ended by the program. */
	DISCHARGED;

	public boolean isOpen() {
		return this == ACTIVE || this == WAITLISTED || this == ON_HOLD;
	}

	public boolean holdsSeat() {
		return this == ACTIVE || this == ON_HOLD;
	}

}
