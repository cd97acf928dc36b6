package org.therapygroups.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time as the accounts collection stores it. */
public final class StoredTime {

	private StoredTime() {
	}

	/**
	 * Millisecond precision, as MongoDB stores it, so stored and returned times agree.
	 * @param clock the service's clock
	 * @return the current instant, truncated to milliseconds
	 */
	public static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
