package org.therapygroups.auth.account;

import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.platform.problem.ApiProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The Keycloak Admin API calls of account management. Answers that are the caller's fault
 * (a taken username or e-mail, a weak password) become {@link ApiProblem}s; anything else
 * propagates and is answered 503 by the Keycloak handler.
 */
@Component
public class KeycloakUsers {

	private static final Logger log = LoggerFactory.getLogger(KeycloakUsers.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RealmResource realm;

	KeycloakUsers(RealmResource realm) {
		this.realm = realm;
	}

	/**
	 * Creates a user without credentials.
	 * @return the new user's id
	 */
	public String create(NewUser user) {
		UserRepresentation representation = new UserRepresentation();
		representation.setUsername(user.username());
		representation.setEmail(user.email());
		representation.setEmailVerified(false);
		representation.setFirstName(user.firstName());
		representation.setLastName(user.lastName());
		representation.setEnabled(user.enabled());
		representation.setRequiredActions(user.requiredActions());
		try (Response response = this.realm.users().create(representation)) {
			int status = response.getStatus();
			if (status == 201) {
				return CreatedResponseUtil.getCreatedId(response);
			}
			if (status == 409) {
				throw new ApiProblem(HttpStatus.CONFLICT, "A user with this username or e-mail address exists.");
			}
			if (status == 400) {
				// the realm's user profile refused a value (e.g. a malformed e-mail
				// address)
				throw new ApiProblem(HttpStatus.BAD_REQUEST,
						"The identity provider refused the user: " + errorOf(response));
			}
			throw new WebApplicationException(status);
		}
	}

	public void assignRealmRole(String userId, String role) {
		RoleRepresentation representation = this.realm.roles().get(role).toRepresentation();
		this.realm.users().get(userId).roles().realmLevel().add(List.of(representation));
	}

	/**
	 * Best effort: used to undo a half-made account, the original failure is reported.
	 * @return whether the user is gone
	 */
	public boolean deleteQuietly(String userId) {
		try (Response response = this.realm.users().delete(userId)) {
			if (response.getStatus() >= 300) {
				log.error("Could not delete half-made user {}: Keycloak answered {}", userId, response.getStatus());
				return false;
			}
			return true;
		}
		catch (RuntimeException ex) {
			log.error("Could not delete half-made user {}: {}", userId, ex.toString());
			return false;
		}
	}

	/** Deletes a user; one that is already gone counts as deleted. */
	public void delete(String userId) {
		try (Response response = this.realm.users().delete(userId)) {
			if (response.getStatus() >= 300 && response.getStatus() != 404) {
				throw new WebApplicationException(response.getStatus());
			}
		}
	}

	/** The user with exactly this username, if any. */
	public Optional<ExistingUser> findByUsername(String username) {
		return this.realm.users()
			.search(username, true)
			.stream()
			.filter((user) -> username.equalsIgnoreCase(user.getUsername()))
			.findFirst()
			.map((user) -> new ExistingUser(user.getId(), java.time.Instant
				.ofEpochMilli((user.getCreatedTimestamp() != null) ? user.getCreatedTimestamp() : 0)));
	}

	/**
	 * One page of the realm's users, in Keycloak's order.
	 * @param first how many users to pass over
	 * @param max how many users at most
	 * @return the users of the page; fewer than {@code max} on the last page
	 */
	List<ListedUser> page(int first, int max) {
		return this.realm.users()
			.list(first, max)
			.stream()
			.map((user) -> new ListedUser(user.getId(), user.getUsername(),
					fullName(user.getFirstName(), user.getLastName()), Boolean.TRUE.equals(user.isEnabled())))
			.toList();
	}

	/** The user's realm roles, or empty if there is no such user. */
	public Optional<Set<String>> realmRoles(String userId) {
		try {
			return Optional.of(this.realm.users()
				.get(userId)
				.roles()
				.realmLevel()
				.listEffective()
				.stream()
				.map(RoleRepresentation::getName)
				.collect(Collectors.toSet()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Sets a permanent password; the realm's password policy is enforced by Keycloak.
	 * @throws ApiProblem 400 if the policy refuses the password
	 */
	public void setPassword(String userId, String password) {
		CredentialRepresentation credential = new CredentialRepresentation();
		credential.setType(CredentialRepresentation.PASSWORD);
		credential.setValue(password);
		credential.setTemporary(false);
		try {
			this.realm.users().get(userId).resetPassword(credential);
		}
		catch (BadRequestException ex) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST,
					"The password does not meet the password policy (at least 10 characters with a digit, an upper-case"
							+ " and a lower-case letter; not the username or e-mail address; not a recent password): "
							+ errorOf(ex.getResponse()),
					List.of(new FieldError("password", "does not meet the password policy")));
		}
	}

	/** Enabled, with nothing left to do at the first sign-in. */
	public void activate(String userId) {
		UserResource user = this.realm.users().get(userId);
		UserRepresentation representation = user.toRepresentation();
		representation.setEnabled(true);
		representation.setRequiredActions(List.of());
		user.update(representation);
	}

	/**
	 * Disables the user and ends all their sessions, so that refresh tokens stop working
	 * at once (access tokens run out within their short lifespan).
	 */
	public void disableAndLogout(String userId) {
		UserResource user = this.realm.users().get(userId);
		UserRepresentation representation = user.toRepresentation();
		representation.setEnabled(false);
		user.update(representation);
		user.logout();
	}

	public void removeRealmRole(String userId, String role) {
		RoleRepresentation representation = this.realm.roles().get(role).toRepresentation();
		this.realm.users().get(userId).roles().realmLevel().remove(List.of(representation));
	}

	public void enable(String userId) {
		UserResource user = this.realm.users().get(userId);
		UserRepresentation representation = user.toRepresentation();
		representation.setEnabled(true);
		user.update(representation);
	}

	/** As Keycloak's full-name mapper writes the {@code name} claim of a token. */
	private static String fullName(String firstName, String lastName) {
		String name = (Objects.toString(firstName, "").strip() + " " + Objects.toString(lastName, "").strip()).strip();
		return name.isEmpty() ? null : name;
	}

	/** Keycloak's own explanation, e.g. "Invalid password: minimum length 10." */
	private static String errorOf(Response response) {
		try {
			JsonNode body = JSON.readTree(response.readEntity(String.class));
			JsonNode description = body.hasNonNull("error_description") ? body.get("error_description")
					: body.get("errorMessage");
			return (description != null) ? description.asText() : body.path("error").asText("refused");
		}
		catch (Exception ex) {
			return "refused";
		}
	}

	public record ExistingUser(String id, java.time.Instant createdAt) {

	}

	/**
	 * A user as a page of the realm lists them.
	 *
	 * @param id the Keycloak user id
	 * @param username the username
	 * @param name first and last name, or {@code null} if neither is set
	 * @param enabled whether the user can sign in
	 */
	record ListedUser(String id, String username, String name, boolean enabled) {

	}

	public record NewUser(String username, String email, String firstName, String lastName, boolean enabled,
			List<String> requiredActions) {

	}

}
