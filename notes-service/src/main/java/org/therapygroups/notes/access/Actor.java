package org.therapygroups.notes.access;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import org.therapygroups.events.identity.Roles;

/**
 * Who is asking: the token's subject and realm roles. Every access decision and every
 * audit entry of notes-service starts from this.
 *
 * @param userId the Keycloak user id (token subject)
 * @param roles realm roles without the {@code ROLE_} prefix
 */
public record Actor(String userId, Set<String> roles) {

	/** The actor of work the service does on its own, e.g. drafts opened from events. */
	public static final Actor SYSTEM = new Actor("system", Set.of("system"));

	public Actor {
		roles = Set.copyOf(roles);
	}

	/**
	 * The actor of an authenticated request.
	 * @param authentication the request's authentication
	 * @return the actor
	 */
	public static Actor of(Authentication authentication) {
		Set<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toSet());
		return new Actor(authentication.getName(), roles);
	}

	public boolean isTherapist() {
		return this.roles.contains(Roles.THERAPIST);
	}

	/**
	 * Therapists and supervisors: the roles that may facilitate, write or co-sign notes.
	 * @return whether the actor has one of them
	 */
	public boolean isClinician() {
		return isTherapist() || this.roles.contains(Roles.SUPERVISOR);
	}

	public boolean isPatient() {
		return this.roles.contains(Roles.PATIENT);
	}

	public boolean isDirector() {
		return this.roles.contains(Roles.DIRECTOR);
	}

	/**
	 * The one role an audit entry names: the clinical one first, since that is the role
	 * the access decision was made for.
	 * @return the role, or {@code none}
	 */
	public String auditRole() {
		if (isTherapist()) {
			return Roles.THERAPIST;
		}
		if (this.roles.contains(Roles.SUPERVISOR)) {
			return Roles.SUPERVISOR;
		}
		if (isDirector()) {
			return Roles.DIRECTOR;
		}
		if (isPatient()) {
			return Roles.PATIENT;
		}
		return this.roles.stream().sorted().findFirst().orElse("none");
	}

}
