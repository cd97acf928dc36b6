package org.therapygroups.sessions.support;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller of an endpoint: a user id (the token's subject) and the one realm role this
 * service acts on. Every access decision starts here.
 *
 * @param id the Keycloak user id
 * @param role the caller's role
 */
public record Actor(String id, Role role) {

	/** The realm roles this service knows. */
	public enum Role {

		DIRECTOR, THERAPIST, PATIENT

	}

	public boolean is(Role role) {
		return this.role == role;
	}

	/**
	 * The actor behind a validated token. A director who also holds another role acts as
	 * director; a token without any known role is refused.
	 * @param authentication the validated token
	 * @return the actor
	 */
	public static Actor of(JwtAuthenticationToken authentication) {
		Set<String> roles = roles(authentication.getAuthorities());
		for (Role role : Role.values()) {
			if (roles.contains("ROLE_" + role.name().toLowerCase(java.util.Locale.ROOT))) {
				return new Actor(authentication.getToken().getSubject(), role);
			}
		}
		throw ApiProblem.forbidden("This endpoint needs the role director, therapist or patient.");
	}

	private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

}
