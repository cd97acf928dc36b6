package org.therapygroups.auth.users;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.therapygroups.auth.account.Account;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.StoredTime;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.EventPayload;

/**
 * The accounts directors manage, found and changed the same way by every use case of this
 * package: a change is recorded together with its event, and only if nobody changed the
 * account since it was read.
 */
@Component
class ManagedAccounts {

	private final Accounts accounts;

	private final Clock clock;

	ManagedAccounts(Accounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * @throws ApiProblem 404 if there is no such account
	 */
	Account existing(String userId) {
		return this.accounts.find(userId).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such account."));
	}

	/**
	 * @throws ApiProblem 404 if there is no such account, 409 if it is in another status
	 */
	Account inStatus(String userId, AccountStatus expected) {
		Account account = existing(userId);
		if (account.status() != expected) {
			throw new ApiProblem(HttpStatus.CONFLICT, "The account is " + account.status().name().toLowerCase()
					+ ", not " + expected.name().toLowerCase() + ".");
		}
		return account;
	}

	/**
	 * Moves the account to a new status, if it is still in the status it was read in.
	 * @param event the event reporting the change, for the moment it is recorded
	 * @throws ApiProblem 409 if the account changed meanwhile
	 */
	void changeStatus(Account account, AccountStatus status, Function<Instant, EventPayload> event) {
		change(Criteria.where("_id").is(account.id()).and("status").is(account.status()),
				new Update().set("status", status), event);
	}

	/**
	 * Applies a change and its event in one write, if the account still matches
	 * {@code unchanged}.
	 * @param event the event reporting the change, for the moment it is recorded
	 * @throws ApiProblem 409 if the account changed meanwhile
	 */
	void change(Criteria unchanged, Update change, Function<Instant, EventPayload> event) {
		Instant now = StoredTime.now(this.clock);
		if (!this.accounts.update(unchanged, change, OutboxEntry.of(EventSources.AUTH_SERVICE, event.apply(now), now),
				now)) {
			throw new ApiProblem(HttpStatus.CONFLICT, "The account changed meanwhile. Try again.");
		}
	}

}
