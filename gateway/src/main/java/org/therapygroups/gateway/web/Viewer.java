package org.therapygroups.gateway.web;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is looking at a page: a name to greet and the one role whose pages they see. The
 * services decide what the person may read or change; pages only choose what to offer.
 */
public record Viewer(String name, Role role) {

	public enum Role {

		DIRECTOR("director", "Program director"), THERAPIST("therapist", "Therapist"), PATIENT("patient", "Patient");

		private final String realmRole;

		private final String label;

		Role(String realmRole, String label) {
			this.realmRole = realmRole;
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		/** Where this role's pages start. */
		public String home() {
			return "/" + this.realmRole;
		}

	}

	static Optional<Viewer> of(OidcUser user) {
		if (user == null) {
			return Optional.empty();
		}
		List<String> authorities = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		Role role = null;
		// one account has one role in this realm; the most capable wins if that changes
		for (Role candidate : Role.values()) {
			if (authorities.contains("ROLE_" + candidate.realmRole)) {
				role = candidate;
				break;
			}
		}
		String name = Optional.ofNullable(user.getGivenName())
			.or(() -> Optional.ofNullable(user.getFullName()))
			.orElse(user.getPreferredUsername());
		return Optional.of(new Viewer(name, role));
	}

	public boolean is(Role wanted) {
		return this.role == wanted;
	}

}
