package org.therapygroups.auth.account;

public enum AccountStatus {

	/** Created; the user has not set a password through the invitation yet. */
	INVITED,

	/** The invitation was accepted: the user can sign in. */
	ACTIVE,

	/** A director disabled the account; its sessions were ended. */
	DEACTIVATED

}
