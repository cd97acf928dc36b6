package org.therapygroups.auth.profile;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.auth.account.AccountAdoption;
import org.therapygroups.auth.security.SecurityTestConfig;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ProfileController.class)
@Import({ SecurityTestConfig.class, ProfileView.class, ProfileUpdate.class, AccountAdoption.class })
class ProfileControllerTests {

	private static final Profile PROFILE = new Profile("u-1", "patient", "Pia Patient", null);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private MongoTemplate mongo;

	@MockitoBean
	private Accounts accounts;

	@MockitoBean
	private Onboarding onboarding;

	@Test
	void needsAToken() throws Exception {
		this.mvc.perform(get("/api/auth/me/profile")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.mongo);
	}

	@Test
	void answersDefaultsForUnsetPreferences() throws Exception {
		given(this.mongo.findById(eq("u-1"), eq(Profile.class), any())).willReturn(PROFILE);
		this.mvc.perform(get("/api/auth/me/profile").with(caller()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Pia Patient"))
			.andExpect(jsonPath("$.contactPreferences.channel").value("email"));
	}

	@Test
	void aUserCreatedInKeycloakDirectlyIsAdoptedFromTheToken() throws Exception {
		given(this.mongo.findById(eq("u-1"), eq(Profile.class), any())).willReturn(null, PROFILE);
		given(this.onboarding.now()).willReturn(Instant.parse("2026-11-22T06:00:00Z"));
		this.mvc
			.perform(get("/api/auth/me/profile")
				.with(jwt().jwt((token) -> token.subject("u-1").claim("name", "Pia Patient"))
					.authorities(new SimpleGrantedAuthority("ROLE_patient"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Pia Patient"));
		verify(this.accounts).insert(org.mockito.ArgumentMatchers.argThat((account) -> account.id().equals("u-1")
				&& account.role().equals("patient") && account.displayName().equals("Pia Patient")
				&& account.status() == org.therapygroups.auth.account.AccountStatus.ACTIVE
				&& account.outbox().size() == 1));
	}

	@Test
	void aUserWithoutAPlatformRoleIsNotFound() throws Exception {
		this.mvc
			.perform(get("/api/auth/me/profile")
				.with(jwt().jwt((token) -> token.subject("u-2")).authorities(new SimpleGrantedAuthority("ROLE_other"))))
			.andExpect(status().isNotFound());
		verifyNoInteractions(this.accounts);
	}

	@Test
	void aNewDisplayNameIsAnEvent() throws Exception {
		given(this.mongo.findById(eq("u-1"), eq(Profile.class), any())).willReturn(PROFILE);
		given(this.onboarding.now()).willReturn(Instant.parse("2026-11-22T06:00:00Z"));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
		this.mvc.perform(profile("Pia P.", "sms")).andExpect(status().isOk());
		verify(this.accounts).update(any(), any(),
				argThat((OutboxEntry e) -> e != null && e.type().equals("therapy.identity.user-profile-changed.v1")),
				any());
	}

	@Test
	void onlyPreferencesChangedIsNoEvent() throws Exception {
		given(this.mongo.findById(eq("u-1"), eq(Profile.class), any())).willReturn(PROFILE);
		given(this.onboarding.now()).willReturn(Instant.parse("2026-11-22T06:00:00Z"));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
		this.mvc.perform(profile("Pia Patient", "none")).andExpect(status().isOk());
		verify(this.accounts).update(any(), any(), isNull(), any());
	}

	@Test
	void anEmailAsDisplayNameOrAnUnknownChannelAreFieldErrors() throws Exception {
		this.mvc.perform(profile("pia@example.org", "pigeon"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contactPreferences.channel"))
			.andExpect(jsonPath("$.errors[1].field").value("displayName"));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void controlCharactersInADisplayNameAreAFieldError() throws Exception {
		for (String name : new String[] { "Pia\\u0000Patient", "Pia\\nPatient", "Pia\\u001bPatient",
				"Pia\\u2028Patient" }) {
			this.mvc.perform(profile(name, "email"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("displayName"));
		}
		verifyNoInteractions(this.accounts);
	}

	private static MockHttpServletRequestBuilder profile(String displayName, String channel) {
		return put("/api/auth/me/profile").contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"" + displayName + "\",\"contactPreferences\":{\"channel\":\"" + channel
					+ "\",\"sessionReminders\":true}}")
			.with(caller());
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor caller() {
		return jwt().jwt((token) -> token.subject("u-1")).authorities(new SimpleGrantedAuthority("ROLE_patient"));
	}

}
