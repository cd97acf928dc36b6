package org.therapygroups.sessions.support;

import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Every change is a read-modify-write of one document guarded by its version. Two writers
 * on the same group (or the outbox relay pulling a published event) make one of them
 * fail; it reads again and re-applies its command, which re-checks every rule.
 */
public final class Retries {

	private static final int ATTEMPTS = 12;

	private Retries() {
	}

	public static <T> T onConflict(Supplier<T> command) {
		OptimisticLockingFailureException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return command.get();
			}
			catch (OptimisticLockingFailureException ex) {
				last = ex;
				backOff(attempt);
			}
		}
		throw last;
	}

	/** Random, growing pauses, so that writers that collided do not collide again. */
	private static void backOff(int attempt) {
		try {
			Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 4L << Math.min(attempt, 6)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while retrying", ex);
		}
	}

}
