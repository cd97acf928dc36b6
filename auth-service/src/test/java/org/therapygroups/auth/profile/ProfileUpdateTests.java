package org.therapygroups.auth.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.platform.outbox.OutboxEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Display name and preferences are one write; only a new name is an event. */
class ProfileUpdateTests {

	private static final SignedInUser PIA = new SignedInUser("u-1", "pia", "Pia Patient", Set.of("patient"));

	private static final ContactPreferences SMS = new ContactPreferences("sms", false);

	private final ProfileView profiles = mock(ProfileView.class);

	private final Accounts accounts = mock(Accounts.class);

	private final ProfileUpdate update = new ProfileUpdate(this.profiles, this.accounts,
			Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC));

	@Test
	void aNewDisplayNameIsStrippedStoredWithThePreferencesAndAnnounced() {
		given(this.profiles.current(PIA)).willReturn(new Profile("u-1", "patient", "Pia Patient", null));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);

		assertThat(this.update.update(PIA, "  Pia P.  ", SMS)).isEqualTo(new Profile("u-1", "patient", "Pia P.", SMS));

		ArgumentCaptor<Update> change = ArgumentCaptor.forClass(Update.class);
		ArgumentCaptor<OutboxEntry> event = ArgumentCaptor.forClass(OutboxEntry.class);
		verify(this.accounts).update(any(), change.capture(), event.capture(),
				eq(Instant.parse("2026-11-22T06:00:00Z")));
		assertThat(change.getValue().getUpdateObject().get("$set", org.bson.Document.class))
			.containsEntry("displayName", "Pia P.")
			.containsEntry("contactPreferences", SMS);
		assertThat(event.getValue().type()).isEqualTo("therapy.identity.user-profile-changed.v1");
	}

	@Test
	void theSameNameWithOtherPreferencesIsNoEvent() {
		given(this.profiles.current(PIA)).willReturn(new Profile("u-1", "patient", "Pia Patient", null));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);

		this.update.update(PIA, "Pia Patient", SMS);

		verify(this.accounts).update(any(), any(), eq(null), any());
	}

	@Test
	void anAccountGoneMeanwhileIsNotFound() {
		given(this.profiles.current(PIA)).willReturn(new Profile("u-1", "patient", "Pia Patient", null));

		assertThatThrownBy(() -> this.update.update(PIA, "Pia P.", SMS)).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
	}

}
