package org.therapygroups.platform.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import org.therapygroups.events.identity.Roles;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Who is calling: the token's subject and realm roles, resolved once per request by
 * {@link ActorArgumentResolver}. Every access decision and every audit entry starts here.
 *
 * @param id the Keycloak user id (token subject)
 * @param roles realm roles without the {@code ROLE_} prefix, e.g. {@code therapist}
 */
public record Actor(String id, Set<String> roles) {

	/** The actor of work a service does on its own, e.g. drafts opened from events. */
	public static final Actor SYSTEM = new Actor("system", Set.of("system"));

	/**
	 * The role a caller acts in where an endpoint serves each of them differently; a
	 * director who also holds another role acts as director.
	 */
	public enum Role {

		DIRECTOR, THERAPIST, PATIENT;

		/** The realm role's name, e.g. {@code therapist}. */
		public String realmRole() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public Actor {
		roles = Set.copyOf(roles);
	}

	/**
	 * A caller acting in one role.
	 * @param id the user id
	 * @param role the role
	 * @return the actor
	 */
	public static Actor as(String id, Role role) {
		return new Actor(id, Set.of(role.realmRole()));
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

	public boolean has(String realmRole) {
		return this.roles.contains(realmRole);
	}

	/**
	 * The role the caller acts in.
	 * @return the first of director, therapist and patient the caller holds
	 * @throws ApiProblem 403 if the caller holds none of them
	 */
	public Role role() {
		for (Role role : Role.values()) {
			if (has(role.realmRole())) {
				return role;
			}
		}
		throw ApiProblem.forbidden("This endpoint needs the role director, therapist or patient.");
	}

	/**
	 * Whether the caller acts in the given role (see {@link #role()}).
	 * @param role the role
	 * @return whether it is the acting role
	 */
	public boolean is(Role role) {
		return role() == role;
	}

	public boolean isTherapist() {
		return has(Roles.THERAPIST);
	}

	/**
	 * Therapists and supervisors: the roles that may facilitate, write or co-sign notes.
	 * @return whether the actor has one of them
	 */
	public boolean isClinician() {
		return isTherapist() || has(Roles.SUPERVISOR);
	}

	public boolean isPatient() {
		return has(Roles.PATIENT);
	}

	public boolean isDirector() {
		return has(Roles.DIRECTOR);
	}

	/**
	 * The one role an audit entry names: the clinical one first, since that is the role
	 * an access decision about clinical records is made for.
	 * @return the role, or {@code none}
	 */
	public String auditRole() {
		if (isTherapist()) {
			return Roles.THERAPIST;
		}
		if (has(Roles.SUPERVISOR)) {
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
