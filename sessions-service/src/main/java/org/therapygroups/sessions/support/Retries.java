package org.therapygroups.sessions.support;

import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Every change is a read-modify-write of one document guarded by its version. Two writers
 * on the same group (or the outbox relay pulling a published event) make one of them
 * fail; it reads again and re-applies its command, which re-checks every rule.
 */
public final class Retries {

	private static final int ATTEMPTS = 8;

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
				Thread.onSpinWait();
			}
		}
		throw last;
	}

}
