package org.therapygroups.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.platform.outbox.OutboxEntry;

/**
 * What auth-service owns about a Keycloak user. Keycloak keeps the credentials, the
 * e-mail address and the enabled flag; this document keeps the platform's view and the
 * events not yet published, so that a change and its event are one single-document write.
 *
 * @param id the Keycloak user id
 * @param username the Keycloak username
 * @param role the realm role
 * @param displayName the name shown to others, never an e-mail address
 * @param status where the account is in its life
 * @param licence the professional licence (therapists and directors), else {@code null}
 * @param supervisorId the supervising therapist or director, if any
 * @param invitation the current invitation, if any
 * @param createdBy the user id of whoever created the account
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param outbox events waiting for the relay
 */
@Document(Account.COLLECTION)
public record Account(@Id String id, String username, String role, String displayName, AccountStatus status,
		Licence licence, String supervisorId, Invitation invitation, String createdBy, Instant createdAt,
		Instant updatedAt, List<OutboxEntry> outbox) {

	/**
	 * The roles of staff: only they supervise others and move between these roles.
	 */
	/** The collection, whose documents carry an {@code outbox} array. */
	public static final String COLLECTION = "accounts";

	public static final Set<String> STAFF_ROLES = Set.of("therapist", "director");

	public record Licence(String type, String number) {

	}

	/**
	 * Only the SHA-256 hash of the code is stored: a leaked database does not let anybody
	 * take over an invited account.
	 */
	public record Invitation(String codeHash, Instant expiresAt, Instant usedAt) {

	}

}
