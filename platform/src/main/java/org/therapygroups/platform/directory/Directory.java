package org.therapygroups.platform.directory;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;

import org.therapygroups.events.identity.Roles;

/**
 * Who is who, for this service's own code: reads the local read model that
 * {@link IdentityEventsListener} keeps up to date, so checks such as "is this facilitator
 * an active therapist" or "is this note author active" need neither Keycloak nor
 * auth-service at request time. The model is eventually consistent: a user registered a
 * moment ago may not be known yet.
 */
public class Directory {

	private final MongoTemplate mongo;

	Directory(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The directory entry of a user.
	 * @param userId the Keycloak user id
	 * @return the entry, or empty if no identity event about the user was applied yet
	 */
	public Optional<DirectoryUser> find(String userId) {
		if (userId == null || userId.isBlank()) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.mongo.findById(userId, DirectoryUser.class));
	}

	/**
	 * Whether the user is known, active and a therapist.
	 * @param userId the Keycloak user id
	 * @return {@code true} if so; {@code false} also for unknown users
	 */
	public boolean isActiveTherapist(String userId) {
		return find(userId).map((user) -> user.isActive(Roles.THERAPIST)).orElse(false);
	}

	/**
	 * Whether the user is known, active and a patient.
	 * @param userId the Keycloak user id
	 * @return {@code true} if so; {@code false} also for unknown users
	 */
	public boolean isActivePatient(String userId) {
		return find(userId).map((user) -> user.isActive(Roles.PATIENT)).orElse(false);
	}

}
