package org.therapygroups.auth.realm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.auth.security.SecurityTestConfig;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may read the realm rules; what Keycloak answers is covered end to end against the
 * real server (GatewayAccessIT).
 */
@WebMvcTest(RealmController.class)
@Import({ SecurityTestConfig.class, RealmRules.class })
class RealmControllerTests {

	@Autowired
	private MockMvc mvc;

	/** Never called here: the requests below are refused before the controller runs. */
	@MockitoBean
	private RealmResource realm;

	@ParameterizedTest
	@ValueSource(strings = { "patient", "therapist" })
	void isForbiddenToEveryoneButDirectors(String role) throws Exception {
		this.mvc.perform(get("/api/auth/realm").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.status").value(403));
		verifyNoInteractions(this.realm);
	}

	@Test
	void needsAToken() throws Exception {
		this.mvc.perform(get("/api/auth/realm")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.realm);
	}

}
