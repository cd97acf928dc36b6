package org.therapygroups.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.platform.testapp.KitTestApplication;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The kit's {@code <base-path>/me} and its security, in a web slice of a service without
 * a domain.
 */
@WebMvcTest
@ContextConfiguration(classes = KitTestApplication.class)
class MeControllerTests {

	private static final String ME = "/api/kit/me";

	@Autowired
	private MockMvc mvc;

	@Test
	void answersWithSubjectUsernameAndRealmRoles() throws Exception {
		this.mvc
			.perform(get(ME).with(jwt().jwt((token) -> token.subject("3f1c").claim("preferred_username", "therapist1"))
				.authorities(new SimpleGrantedAuthority("ROLE_therapist"), new SimpleGrantedAuthority("SCOPE_email"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value("3f1c"))
			.andExpect(jsonPath("$.username").value("therapist1"))
			.andExpect(jsonPath("$.roles.length()").value(1))
			.andExpect(jsonPath("$.roles[0]").value("therapist"));
	}

	@Test
	void withoutATokenAnswersAProblem() throws Exception {
		this.mvc.perform(get(ME))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer realm=\"therapy\""))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value(ME));
	}

}
