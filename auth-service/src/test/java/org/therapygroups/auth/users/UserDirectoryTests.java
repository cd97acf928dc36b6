package org.therapygroups.auth.users;

import java.time.Clock;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.auth.account.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The directory's search: bounded, the role in any case, the search text never a pattern
 * and matched against what the caller may see. Filters are run against a MongoDB
 * wire-protocol server.
 */
class UserDirectoryTests {

	private static final Actor DIRECTOR = Actor.as("director-1", Actor.Role.DIRECTOR);

	private static final Actor THERAPIST = Actor.as("therapist-1", Actor.Role.THERAPIST);

	private final Accounts accounts = mock(Accounts.class);

	private final UserDirectory directory = new UserDirectory(this.accounts,
			new ManagedAccounts(this.accounts, Clock.systemUTC()));

	private MongoServer server;

	private MongoClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
			this.server.shutdownNow();
		}
	}

	@Test
	void searchesByRoleAndByTheQuotedNameText() {
		this.directory.search("therapist", " a.b( ", 2, 10, THERAPIST);

		Criteria filter = filter(2, 10);
		assertThat(filter.getCriteriaObject().get("role")).isEqualTo("therapist");
		assertThat(filter.getCriteriaObject().get("displayName")).hasToString("\\Qa.b(\\E");
	}

	@Test
	void blankFiltersFilterNothing() {
		this.directory.search(" ", " ", 0, 20, DIRECTOR);

		assertThat(filter(0, 20).getCriteriaObject()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "THERAPIST", "therapist", "Therapist", " THERAPIST " })
	void theRoleIsFoundInAnyCase(String role) {
		assertThat(found(role, null, THERAPIST)).containsExactly("u-tess");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bogus", "therapists", "THERAPİST", "therap.st", "director|patient" })
	void anUnknownRoleIsAFieldErrorListingTheRolesWithoutTheValue(String role) {
		assertThatThrownBy(() -> this.directory.search(role, null, 0, 20, DIRECTOR))
			.isInstanceOfSatisfying(ApiProblem.class, (problem) -> {
				assertThat(problem.errors()).extracting(FieldError::field).containsExactly("role");
				assertThat(problem.errors().get(0).message()).contains("DIRECTOR, THERAPIST, PATIENT")
					.doesNotContain(role.strip());
			});
		verifyNoInteractions(this.accounts);
	}

	@Test
	void directorsFindByUsernameInAnyCaseAsWellAsByDisplayName() {
		assertThat(found(null, "PIA.PARK.1", DIRECTOR)).containsExactly("u-pia");
		assertThat(found(null, "@example.org", DIRECTOR)).containsExactly("u-dora", "u-tess");
		assertThat(found("director", "example", DIRECTOR)).containsExactly("u-dora");
		assertThat(found(null, "tess", DIRECTOR)).containsExactly("u-tess");
	}

	@Test
	void othersFindByDisplayNameOnlySinceUsernamesAreHiddenFromThem() {
		assertThat(found(null, "@example.org", THERAPIST)).isEmpty();
		assertThat(found(null, "pia.park", THERAPIST)).isEmpty();
		assertThat(found(null, "PIA", THERAPIST)).containsExactly("u-pia");
	}

	@Test
	void theSearchTextIsNeverAPattern() {
		assertThat(found(null, ".*", DIRECTOR)).isEmpty();
		assertThat(found(null, "a.b(", DIRECTOR)).containsExactly("u-odd");
	}

	@ParameterizedTest
	@CsvSource({ "-1, 20, , page", "100001, 20, , page", "0, 0, , size", "0, 101, , size", "0, 20, a\u0000b, q" })
	void pagesSizesAndTextOutOfBoundsAreFieldErrors(int page, int size, String q, String field) {
		assertThatThrownBy(() -> this.directory.search(null, q, page, size, DIRECTOR)).isInstanceOfSatisfying(
				ApiProblem.class,
				(problem) -> assertThat(problem.errors()).extracting(FieldError::field).containsExactly(field));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void everyInvalidParameterIsNamedAtOnce() {
		assertThatThrownBy(() -> this.directory.search("bogus", "x".repeat(101), -1, 0, DIRECTOR))
			.isInstanceOfSatisfying(ApiProblem.class,
					(problem) -> assertThat(problem.errors()).extracting(FieldError::field)
						.containsExactlyInAnyOrder("role", "page", "size", "q"));
	}

	private Criteria filter(int page, int size) {
		ArgumentCaptor<Criteria> filter = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts).page(filter.capture(), eq(page), eq(size));
		clearInvocations(this.accounts);
		return filter.getValue();
	}

	/** The ids of the accounts the search's filter selects, in id order. */
	private List<String> found(String role, String q, Actor caller) {
		this.directory.search(role, q, 0, 20, caller);
		ArgumentCaptor<Criteria> filter = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts).page(filter.capture(), eq(0), anyInt());
		clearInvocations(this.accounts);
		return mongo().find(new Query(filter.getValue()).with(Sort.by("_id")), Document.class, "accounts")
			.stream()
			.map((account) -> account.getString("_id"))
			.toList();
	}

	private MongoTemplate mongo() {
		if (this.client == null) {
			this.server = new MongoServer(new MemoryBackend());
			this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());
			this.client.getDatabase("directory")
				.getCollection("accounts")
				.insertMany(List.of(account("u-tess", "tess@example.org", "therapist", "Tess Tester"),
						account("u-dora", "dora@example.org", "director", "Dora Director"),
						account("u-pia", "pia.park.104211", "patient", "Pia Park"),
						account("u-odd", "odd.one.100001", "patient", "a.b( Odd")));
		}
		return new MongoTemplate(this.client, "directory");
	}

	private static Document account(String id, String username, String role, String displayName) {
		return new Document("_id", id).append("username", username)
			.append("role", role)
			.append("displayName", displayName);
	}

}
