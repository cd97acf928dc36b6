package org.therapygroups.sessions.session;

public enum SessionStatus {

	SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED

}
