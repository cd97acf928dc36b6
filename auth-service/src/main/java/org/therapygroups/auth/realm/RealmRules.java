package org.therapygroups.auth.realm;

import java.util.List;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import org.springframework.stereotype.Service;

/**
 * The account rules of the realm as Keycloak enforces them: the platform roles that
 * exist, the password policy and whether brute-force protection is on.
 */
@Service
class RealmRules {

	private static final List<String> PLATFORM_ROLES = List.of("director", "patient", "therapist");

	private final RealmResource realm;

	RealmRules(RealmResource realm) {
		this.realm = realm;
	}

	RealmSettings current() {
		RealmRepresentation representation = this.realm.toRepresentation();
		List<String> roles = this.realm.roles()
			.list()
			.stream()
			.map(RoleRepresentation::getName)
			.filter(PLATFORM_ROLES::contains)
			.sorted()
			.toList();
		return new RealmSettings(representation.getRealm(), roles, representation.getPasswordPolicy(),
				Boolean.TRUE.equals(representation.isBruteForceProtected()));
	}

	record RealmSettings(String realm, List<String> roles, String passwordPolicy, boolean bruteForceProtected) {

	}

}
