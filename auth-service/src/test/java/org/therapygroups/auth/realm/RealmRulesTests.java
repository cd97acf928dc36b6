package org.therapygroups.auth.realm;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * Only the platform's roles, sorted; brute-force protection off unless Keycloak says on.
 */
class RealmRulesTests {

	private final RealmResource realm = mock(RealmResource.class, RETURNS_DEEP_STUBS);

	@Test
	void readsThePlatformRolesAndThePasswordPolicy() {
		RealmRepresentation representation = new RealmRepresentation();
		representation.setRealm("therapy");
		representation.setPasswordPolicy("length(10) and digits(1)");
		given(this.realm.toRepresentation()).willReturn(representation);
		given(this.realm.roles().list()).willReturn(List.of(role("therapist"), role("offline_access"), role("director"),
				role("patient"), role("uma_authorization")));

		assertThat(new RealmRules(this.realm).current()).isEqualTo(new RealmRules.RealmSettings("therapy",
				List.of("director", "patient", "therapist"), "length(10) and digits(1)", false));
	}

	private static RoleRepresentation role(String name) {
		RoleRepresentation role = new RoleRepresentation();
		role.setName(name);
		return role;
	}

}
