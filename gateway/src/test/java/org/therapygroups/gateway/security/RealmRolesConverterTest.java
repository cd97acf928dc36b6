package org.therapygroups.gateway.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class RealmRolesConverterTest {

	final RealmRolesConverter converter = new RealmRolesConverter();

	@Test
	void mapsRealmRolesToRoleAuthorities() {
		Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("therapist", "admin"))));
		assertThat(this.converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_therapist", "ROLE_admin");
	}

	@Test
	void givesNoAuthoritiesWithoutTheClaim() {
		assertThat(this.converter.convert(jwt(Map.of("scope", "openid")))).isEmpty();
		assertThat(this.converter.convert(jwt(Map.of("realm_access", "not-an-object")))).isEmpty();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("t").header("alg", "RS256").subject("user-1").claims((c) -> c.putAll(claims)).build();
	}

}
