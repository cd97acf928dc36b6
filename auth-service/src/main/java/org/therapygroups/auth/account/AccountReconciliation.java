package org.therapygroups.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Adopts the users created in Keycloak directly (the imported demo users, or by an
 * administrator) who hold a platform role but have no account document, so that the
 * directories list them before they ever open their profile. Pages through the realm's
 * users once the service is up (in the background: Keycloak being away never holds up the
 * start) and every {@code therapy.accounts.reconcile-interval} after. Each adoption is
 * {@link AccountAdoption}'s single write of the document and its {@code UserRegistered}
 * event; a user who has an account is left alone, so a second run adopts nothing.
 * Skipped: disabled users (nobody can sign in as them), and users whose account is being
 * created here, or whose creation a crash interrupted (that is {@link HalfMadeAccounts}'
 * to finish). Logs counts and user ids only.
 */
@Component
class AccountReconciliation {

	private static final Logger log = LoggerFactory.getLogger(AccountReconciliation.class);

	/** Users asked of Keycloak at a time. */
	static final int PAGE_SIZE = 100;

	private final KeycloakUsers keycloak;

	private final Accounts accounts;

	private final PendingCreations pending;

	private final AccountAdoption adoption;

	/** One run at a time: the start's may still be going when the first round is due. */
	private final Lock running = new ReentrantLock();

	AccountReconciliation(KeycloakUsers keycloak, Accounts accounts, PendingCreations pending,
			AccountAdoption adoption) {
		this.keycloak = keycloak;
		this.accounts = accounts;
		this.pending = pending;
		this.adoption = adoption;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		Thread.ofVirtual().name("account-reconciliation").start(this::reconcileQuietly);
	}

	@Scheduled(fixedDelayString = "${therapy.accounts.reconcile-interval:10m}",
			initialDelayString = "${therapy.accounts.reconcile-interval:10m}")
	void reconcileQuietly() {
		if (!this.running.tryLock()) {
			return;
		}
		try {
			Reconciled result = reconcile();
			if (!result.adopted().isEmpty()) {
				log.info("Reconciled the accounts with {} Keycloak users: {} adopted", result.users(),
						result.adopted().size());
			}
			else {
				log.debug("Reconciled the accounts with {} Keycloak users: none to adopt", result.users());
			}
		}
		catch (RuntimeException ex) {
			// Keycloak or the database away: the next round tries again. The exception's
			// type only: a message might quote a user.
			log.warn("Could not reconcile the accounts with Keycloak yet ({}); the next round tries again",
					ex.getClass().getName());
		}
		finally {
			this.running.unlock();
		}
	}

	/**
	 * Goes through all users of the realm, a page at a time. A user missed because the
	 * realm changed during the run is found by the next.
	 * @return how many users were looked at, and the ids of those adopted
	 */
	Reconciled reconcile() {
		int users = 0;
		List<String> adopted = new ArrayList<>();
		List<KeycloakUsers.ListedUser> page;
		do {
			page = this.keycloak.page(users, PAGE_SIZE);
			List<String> adoptedNow = page.stream()
				.filter(this::adoptIfUnknown)
				.map(KeycloakUsers.ListedUser::id)
				.toList();
			if (!adoptedNow.isEmpty()) {
				log.info("Adopted {} Keycloak users without an account: {}", adoptedNow.size(), adoptedNow);
			}
			adopted.addAll(adoptedNow);
			users += page.size();
		}
		while (page.size() == PAGE_SIZE);
		return new Reconciled(users, List.copyOf(adopted));
	}

	/**
	 * The account check comes before the creation check: a creation removes its record
	 * only after writing the document, so a user seen without both is nobody's creation.
	 */
	private boolean adoptIfUnknown(KeycloakUsers.ListedUser user) {
		if (!user.enabled() || this.accounts.exists(user.id()) || this.pending.inProgress(user.username())) {
			return false;
		}
		Optional<Set<String>> roles = this.keycloak.realmRoles(user.id());
		// a user deleted meanwhile has no roles
		return roles.isPresent() && this.adoption
			.adopt(new AccountAdoption.Candidate(user.id(), user.username(), user.name(), roles.get()));
	}

	/**
	 * @param users how many Keycloak users were looked at
	 * @param adopted the ids of the users adopted by this run
	 */
	record Reconciled(int users, List<String> adopted) {

	}

}
