package org.therapygroups.platform.security;

/**
 * Whether an account is deactivated now, so its still valid tokens are refused at once
 * instead of when they expire. auth-service answers from its own accounts, the other
 * services from the identity directory (see {@code platform.directory}); without such a
 * bean no account is refused.
 */
@FunctionalInterface
public interface DeactivatedAccounts {

	boolean isDeactivated(String userId);

}
