package org.therapygroups.sessions.group;

public enum FacilitatorRole {

	LEAD, CO_FACILITATOR

}
