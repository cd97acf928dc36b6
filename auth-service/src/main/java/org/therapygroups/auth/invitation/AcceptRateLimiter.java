package org.therapygroups.auth.invitation;

import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountsProperties;

/**
 * The limits of the public acceptance endpoint, so that codes cannot be guessed at speed
 * while a waiting room can still set up its accounts on one tablet (one address):
 * <ul>
 * <li>per client address, the <em>failed</em> attempts: a code that is unknown, expired
 * or used counts; an accepted invitation, a password the policy refuses or a failure of
 * the service does not;</li>
 * <li>per code, every attempt, from any address, counted by the code's hash (the code
 * itself is never kept): a link that leaked cannot be tried without end.</li>
 * </ul>
 * (A 256-bit code cannot be guessed anyway; this also caps the password attempts against
 * Keycloak.) In memory and bounded: each instance limits on its own.
 */
@Component
class AcceptRateLimiter {

	private static final int MAX_KEYS = 10_000;

	private final TokenBuckets failuresPerAddress;

	private final TokenBuckets attemptsPerCode;

	AcceptRateLimiter(AccountsProperties properties, Clock clock) {
		AccountsProperties.AcceptRateLimit limit = properties.acceptRateLimit();
		this.failuresPerAddress = new TokenBuckets(limit.perAddress().capacity(), limit.perAddress().refillPerMinute(),
				MAX_KEYS, clock);
		this.attemptsPerCode = new TokenBuckets(limit.perCode().capacity(), limit.perCode().refillPerMinute(), MAX_KEYS,
				clock);
	}

	/**
	 * Counts an attempt: reserves one of the address's failed attempts, until
	 * {@link #notAFailure(String)} gives it back, and takes one of the code's attempts.
	 * @param client the client address
	 * @param codeHash the hash of the code tried
	 * @throws ApiProblem 429 with {@code Retry-After} if either limit is reached
	 */
	void acquire(String client, String codeHash) {
		int wait = this.failuresPerAddress.take(client);
		if (wait > 0) {
			throw tooMany(wait);
		}
		wait = this.attemptsPerCode.take(codeHash);
		if (wait > 0) {
			this.failuresPerAddress.giveBack(client);
			throw tooMany(wait);
		}
	}

	/**
	 * The attempt acquired for this address did not fail on its code: it does not count
	 * against the address.
	 * @param client the client address
	 */
	void notAFailure(String client) {
		this.failuresPerAddress.giveBack(client);
	}

	private static ApiProblem tooMany(int retryAfterSeconds) {
		return ApiProblem.retryLater(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts. Try again later.",
				retryAfterSeconds);
	}

}
