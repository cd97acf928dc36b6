package org.therapygroups.auth.profile;

import java.time.Clock;
import java.time.Instant;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.StoredTime;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.events.EventSources;
import org.therapygroups.events.identity.UserProfileChanged;

/**
 * The caller changes their own display name and contact preferences. Only a new display
 * name is an event, written with the change: other services show names, none needs the
 * preferences.
 */
@Service
class ProfileUpdate {

	private final ProfileView profiles;

	private final Accounts accounts;

	private final Clock clock;

	ProfileUpdate(ProfileView profiles, Accounts accounts, Clock clock) {
		this.profiles = profiles;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * @param displayName the new display name; surrounding white space is dropped
	 * @return the profile as now stored
	 * @throws ApiProblem 404 if the caller has no account here and cannot be adopted
	 */
	Profile update(SignedInUser user, String displayName, ContactPreferences preferences) {
		Profile current = this.profiles.current(user);
		String name = displayName.strip();
		Instant now = StoredTime.now(this.clock);
		OutboxEntry event = name.equals(current.displayName()) ? null : OutboxEntry.of(EventSources.AUTH_SERVICE,
				new UserProfileChanged(current.id(), current.role(), name, now), now);
		if (!this.accounts.update(Criteria.where("_id").is(current.id()),
				new Update().set("displayName", name).set("contactPreferences", preferences), event, now)) {
			throw ProfileView.notManaged();
		}
		return new Profile(current.id(), current.role(), name, preferences);
	}

}
