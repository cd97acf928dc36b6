package org.therapygroups.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what a crash interrupted: an account creation whose intent is still recorded
 * after its request must have ended either left nothing, or a complete account (only the
 * intent was not removed yet), or a Keycloak user without an account document, which is
 * deleted. Nobody ever saw that user's invitation code, so undoing is the only safe end.
 * Runs once the service is ready (at once for what this instance left when it died) and
 * every minute after (for what any instance left more than two minutes ago).
 */
@Component
class HalfMadeAccounts {

	private static final Logger log = LoggerFactory.getLogger(HalfMadeAccounts.class);

	/**
	 * Longer than any creation request takes, Keycloak's and MongoDB's timeouts included.
	 */
	static final Duration REQUEST_OVER = Duration.ofMinutes(2);

	/**
	 * A Keycloak user created this long before the intent was recorded is someone else's,
	 * such as the holder of a username that was asked for twice: allows for clocks that
	 * differ a little between Keycloak and this service.
	 */
	private static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

	private final PendingCreations pending;

	private final KeycloakUsers keycloak;

	private final Accounts accounts;

	private final Clock clock;

	/** When this JVM started: an intent of this instance from before is a crash's. */
	private final Instant lifeBegan = Instant
		.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

	HalfMadeAccounts(PendingCreations pending, KeycloakUsers keycloak, Accounts accounts, Clock clock) {
		this.pending = pending;
		this.keycloak = keycloak;
		this.accounts = accounts;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		sweepQuietly();
	}

	@Scheduled(fixedDelayString = "${therapy.accounts.half-made-sweep:60s}",
			initialDelayString = "${therapy.accounts.half-made-sweep:60s}")
	void sweepQuietly() {
		try {
			sweep(this.clock.instant().minus(REQUEST_OVER), this.lifeBegan);
		}
		catch (RuntimeException ex) {
			// Keycloak or the database away: the next round tries again
			log.warn("Could not look for half-made accounts yet: {}", ex.toString());
		}
	}

	/**
	 * @return how many half-made Keycloak users were deleted
	 */
	int sweep(Instant requestsEndedBefore, Instant thisLifeBegan) {
		int deleted = 0;
		for (PendingCreations.PendingCreation creation : this.pending.over(requestsEndedBefore, thisLifeBegan)) {
			var user = this.keycloak.findByUsername(creation.username());
			if (user.isPresent() && this.accounts.find(user.get().id()).isEmpty()
					&& !user.get().createdAt().isBefore(creation.startedAt().minus(CLOCK_MARGIN))) {
				this.keycloak.delete(user.get().id());
				log.info("Deleted half-made Keycloak user {} (creation started {}, no account document)",
						user.get().id(), creation.startedAt());
				deleted++;
			}
			this.pending.done(creation);
		}
		return deleted;
	}

}
