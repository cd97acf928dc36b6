package org.therapygroups.sessions.group;

/** Whether new members may join once a group has begun. */
public enum Openness {

	/** Members join and leave at any time (typical for aftercare). */
	OPEN,
	/** Members join before the first session; later only when a facilitator adds them. */
	CLOSED

}
