package org.therapygroups.auth.profile;

import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;

import org.therapygroups.auth.account.AccountAdoption;
import org.therapygroups.platform.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** The profile as read from account documents in a MongoDB wire-protocol server. */
class ProfileViewTests {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + this.server.bind().getPort());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "profiles");

	private final AccountAdoption adoption = mock(AccountAdoption.class);

	private final ProfileView view = new ProfileView(this.mongo, this.adoption);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void readsTheProfileFieldsOfTheAccountDocument() {
		// as written before the profile types left the controller, type hint included
		this.mongo.getCollection("accounts")
			.insertOne(new Document("_id", "u-1").append("role", "patient")
				.append("displayName", "Pia Patient")
				.append("status", "ACTIVE")
				.append("outbox", java.util.List.of())
				.append("contactPreferences", new Document("channel", "sms").append("sessionReminders", false)
					.append("_class", "org.therapygroups.auth.profile.ProfileController$ContactPreferences")));

		assertThat(this.view.get(user("u-1")))
			.isEqualTo(new Profile("u-1", "patient", "Pia Patient", new ContactPreferences("sms", false)));
		verifyNoInteractions(this.adoption);
	}

	@Test
	void answersTheDefaultPreferencesUntilSomeAreSet() {
		this.mongo.getCollection("accounts")
			.insertOne(new Document("_id", "u-2").append("role", "therapist").append("displayName", "Tess Tester"));

		assertThat(this.view.get(user("u-2")).contactPreferences()).isEqualTo(ContactPreferences.DEFAULT);
		assertThat(this.view.current(user("u-2")).contactPreferences()).isNull();
	}

	@Test
	void aUserWhoCannotBeAdoptedIsNotManagedHere() {
		assertThatThrownBy(() -> this.view.get(user("u-3"))).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
		verify(this.adoption).adopt(new AccountAdoption.Candidate("u-3", null, null, Set.of()));
	}

	private static SignedInUser user(String id) {
		return new SignedInUser(id, null, null, Set.of());
	}

}
