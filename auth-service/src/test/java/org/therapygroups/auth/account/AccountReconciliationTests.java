package org.therapygroups.auth.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.therapygroups.platform.outbox.OutboxRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Keycloak users with a platform role and no account document are adopted in pages, once;
 * Keycloak is mocked at the realm, the accounts live in a MongoDB wire-protocol server.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountReconciliationTests {

	private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "reconciliation");

	private final OutboxRelay relay = mock(OutboxRelay.class);

	private final Accounts accounts = new Accounts(this.mongo, this.relay);

	private final PendingCreations pending = new PendingCreations(this.mongo, "auth-1");

	private final RealmResource realm = mock(RealmResource.class, RETURNS_DEEP_STUBS);

	private final AccountReconciliation reconciliation = new AccountReconciliation(new KeycloakUsers(this.realm),
			this.accounts, this.pending, new AccountAdoption(this.accounts, Clock.fixed(NOW, ZoneOffset.UTC)));

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void adoptsEveryEnabledUserWithAPlatformRoleAndNoAccountPageByPage() {
		realmWithUsersOnTwoPages();

		AccountReconciliation.Reconciled result = this.reconciliation.reconcile();

		assertThat(result.users()).isEqualTo(AccountReconciliation.PAGE_SIZE + 4);
		assertThat(result.adopted()).containsExactly("u-tess", "u-dora");
		Account tess = this.accounts.find("u-tess").orElseThrow();
		assertThat(tess)
			.extracting(Account::username, Account::role, Account::displayName, Account::status, Account::createdBy)
			.containsExactly("tess@example.org", "therapist", "Tess Tester", AccountStatus.ACTIVE, "keycloak");
		assertThat(tess.outbox()).singleElement()
			.satisfies((entry) -> assertThat(entry.type()).isEqualTo("therapy.identity.user-registered.v1"));
		assertThat(this.accounts.find("u-dora").orElseThrow().role()).isEqualTo("director");
		// no platform role, disabled, or being created (its account document is about to
		// be
		// written, or the half-made sweep will delete it)
		assertThat(this.accounts.find("u-admin")).isEmpty();
		assertThat(this.accounts.find("u-pia")).isEmpty();
		assertThat(this.accounts.find("u-new")).isEmpty();
		// the existing accounts are untouched
		assertThat(this.mongo.getCollection("accounts").countDocuments()).isEqualTo(98 + 2);
		verify(this.relay).written(Account.COLLECTION, "u-tess");
		verify(this.relay).written(Account.COLLECTION, "u-dora");
	}

	@Test
	void aSecondRunAdoptsNothing() {
		realmWithUsersOnTwoPages();
		assertThat(this.reconciliation.reconcile().adopted()).hasSize(2);

		AccountReconciliation.Reconciled again = this.reconciliation.reconcile();

		assertThat(again.users()).isEqualTo(AccountReconciliation.PAGE_SIZE + 4);
		assertThat(again.adopted()).isEmpty();
		assertThat(this.accounts.find("u-tess").orElseThrow().outbox()).hasSize(1);
		assertThat(this.mongo.getCollection("accounts").countDocuments()).isEqualTo(98 + 2);
	}

	@Test
	void aUserDeletedFromKeycloakWhileTheRunLooksIsNotAdopted() {
		given(this.realm.users().list(0, AccountReconciliation.PAGE_SIZE))
			.willReturn(List.of(user("u-gone", "gone.user.100001", "Gone", "User", true)));
		given(this.realm.users().get("u-gone").roles().realmLevel().listEffective()).willThrow(new NotFoundException());

		assertThat(this.reconciliation.reconcile().adopted()).isEmpty();
		assertThat(this.accounts.find("u-gone")).isEmpty();
	}

	@Test
	void logsCountsAndIdsButNoNameOrAddress(CapturedOutput output) {
		realmWithUsersOnTwoPages();

		this.reconciliation.reconcileQuietly();

		assertThat(output).contains("u-tess", "u-dora", "adopted")
			.doesNotContain("Tess")
			.doesNotContain("tess@example.org")
			.doesNotContain("Dora");
	}

	@Test
	void keycloakAwayIsARoundForTheNextTry(CapturedOutput output) {
		given(this.realm.users().list(0, AccountReconciliation.PAGE_SIZE))
			.willThrow(new ProcessingException("Connection refused: tess@example.org"))
			.willReturn(List.of(user("u-tess", "tess@example.org", "Tess", "Tester", true)));
		given(this.realm.users().get("u-tess").roles().realmLevel().listEffective())
			.willReturn(List.of(role("therapist")));

		assertThatNoException().isThrownBy(this.reconciliation::reconcileQuietly);
		assertThat(this.accounts.find("u-tess")).isEmpty();
		assertThat(output).contains("ProcessingException").doesNotContain("tess@example.org");

		this.reconciliation.reconcileQuietly();
		assertThat(this.accounts.find("u-tess")).isPresent();
	}

	@Test
	void theStartDoesNotWaitForKeycloak() throws Exception {
		CountDownLatch keycloakAnswers = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		given(this.realm.users().list(0, AccountReconciliation.PAGE_SIZE)).willAnswer((invocation) -> {
			keycloakAnswers.await();
			done.countDown();
			return List.of();
		});

		Instant before = Instant.now();
		this.reconciliation.onStart();
		assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(1));

		keycloakAnswers.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
	}

	/**
	 * Page one: 98 users with accounts, a therapist without one and a user of no platform
	 * role. Page two: a director (also a therapist) without an account, a disabled
	 * patient and a staff member whose creation is under way.
	 */
	private void realmWithUsersOnTwoPages() {
		List<UserRepresentation> first = new ArrayList<>();
		IntStream.range(0, 98).forEach((i) -> {
			String id = "u-known-" + i;
			first.add(user(id, "known." + i, "Known", "User " + i, true));
			this.mongo.getCollection("accounts")
				.insertOne(new Document("_id", id).append("role", "patient").append("status", "ACTIVE"));
		});
		first.add(user("u-tess", "tess@example.org", "Tess", "Tester", true));
		first.add(user("u-admin", "admin", "Admin", null, true));
		given(this.realm.users().list(0, AccountReconciliation.PAGE_SIZE)).willReturn(first);
		given(this.realm.users().list(AccountReconciliation.PAGE_SIZE, AccountReconciliation.PAGE_SIZE))
			.willReturn(List.of(user("u-dora", "dora@example.org", "Dora", "Director", true),
					user("u-pia", "pia.park.104211", "Pia", "Park", false),
					user("u-new", "nina@example.org", "Nina", "New", true),
					user("u-known-0", "known.0", "Known", "User 0", true)));
		given(this.realm.users().get("u-tess").roles().realmLevel().listEffective())
			.willReturn(List.of(role("therapist"), role("default-roles-therapy")));
		given(this.realm.users().get("u-admin").roles().realmLevel().listEffective())
			.willReturn(List.of(role("default-roles-therapy"), role("offline_access")));
		given(this.realm.users().get("u-dora").roles().realmLevel().listEffective())
			.willReturn(List.of(role("therapist"), role("director")));
		given(this.realm.users().get("u-pia").roles().realmLevel().listEffective())
			.willReturn(List.of(role("patient")));
		given(this.realm.users().get("u-new").roles().realmLevel().listEffective())
			.willReturn(List.of(role("therapist")));
		this.pending.record("nina@example.org", NOW);
	}

	private static UserRepresentation user(String id, String username, String firstName, String lastName,
			boolean enabled) {
		UserRepresentation user = new UserRepresentation();
		user.setId(id);
		user.setUsername(username);
		user.setFirstName(firstName);
		user.setLastName(lastName);
		user.setEnabled(enabled);
		return user;
	}

	private static RoleRepresentation role(String name) {
		RoleRepresentation role = new RoleRepresentation();
		role.setName(name);
		return role;
	}

}
