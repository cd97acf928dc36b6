package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.auth.security.SecurityTestConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest({ UserDirectoryController.class, UserRoleController.class })
@Import({ SecurityTestConfig.class, UserDirectory.class, RoleChange.class, ManagedAccounts.class })
class UserDirectoryAndRoleTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Accounts accounts;

	@MockitoBean
	private KeycloakUsers keycloak;

	@MockitoBean
	private Onboarding onboarding;

	@Test
	void patientsCannotListUsers() throws Exception {
		this.mvc.perform(get("/api/auth/users").with(as("patient"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/auth/users/u-1").with(as("patient"))).andExpect(status().isForbidden());
		verifyNoInteractions(this.accounts);
	}

	@Test
	void cliniciansListAPage() throws Exception {
		given(this.accounts.page(any(), anyInt(), anyInt()))
			.willReturn(new PageImpl<>(List.of(therapist()), PageRequest.of(0, 20), 1));
		this.mvc.perform(get("/api/auth/users?role=therapist&q=tess").with(as("therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].displayName").value("Tess Tester"))
			.andExpect(jsonPath("$.items[0].outbox").doesNotExist())
			// a staff member's username is their e-mail address: not a therapist's
			// business
			.andExpect(jsonPath("$.items[0].username").doesNotExist())
			.andExpect(jsonPath("$.items[0].licence").doesNotExist());
		given(this.accounts.find("u-1")).willReturn(Optional.of(therapist()));
		this.mvc.perform(get("/api/auth/users/u-1").with(as("therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Tess Tester"))
			.andExpect(jsonPath("$.username").doesNotExist())
			.andExpect(jsonPath("$.licence").doesNotExist());
	}

	@Test
	void directorsSeeUsernamesAndLicences() throws Exception {
		given(this.accounts.page(any(), anyInt(), anyInt()))
			.willReturn(new PageImpl<>(List.of(therapist()), PageRequest.of(0, 20), 1));
		given(this.accounts.find("u-1")).willReturn(Optional.of(therapist()));
		this.mvc.perform(get("/api/auth/users").with(as("director")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].username").value("tess@example.org"))
			.andExpect(jsonPath("$.items[0].licence.number").value("L-1"));
		this.mvc.perform(get("/api/auth/users/u-1").with(as("director")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("tess@example.org"));
	}

	@Test
	void aTooLargePageIsAFieldError() throws Exception {
		this.mvc.perform(get("/api/auth/users?size=1000").with(as("director")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void theRoleIsUpperCaseLikeEveryEnumOfTheApiAndLowerCaseStillWorks() throws Exception {
		given(this.accounts.page(any(), anyInt(), anyInt()))
			.willReturn(new PageImpl<>(List.of(therapist()), PageRequest.of(0, 20), 1));
		this.mvc.perform(get("/api/auth/users?role=THERAPIST").with(as("therapist")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].userId").value("u-1"));
		this.mvc.perform(get("/api/auth/users?role=therapist").with(as("therapist"))).andExpect(status().isOk());

		ArgumentCaptor<Criteria> filters = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts, times(2)).page(filters.capture(), anyInt(), anyInt());
		assertThat(filters.getAllValues()).extracting((filter) -> filter.getCriteriaObject().get("role"))
			.containsExactly("therapist", "therapist");
	}

	@Test
	void anUnknownRoleIsAProblemNamingTheRoleAndItsValues() throws Exception {
		this.mvc.perform(get("/api/auth/users?role=bogus").with(as("director")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("role"))
			.andExpect(jsonPath("$.errors[0].message")
				.value(allOf(containsString("DIRECTOR"), containsString("THERAPIST"), containsString("PATIENT"))))
			.andExpect(content().string(not(containsString("bogus"))));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void directorsFindByUsernameTooTherapistsByDisplayNameOnly() throws Exception {
		given(this.accounts.page(any(), anyInt(), anyInt()))
			.willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));
		this.mvc.perform(get("/api/auth/users?q=tess@example.org").with(as("director"))).andExpect(status().isOk());
		this.mvc.perform(get("/api/auth/users?q=tess@example.org").with(as("therapist"))).andExpect(status().isOk());

		ArgumentCaptor<Criteria> filters = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts, times(2)).page(filters.capture(), anyInt(), anyInt());
		assertThat(filters.getAllValues().get(0).getCriteriaObject().toString()).contains("username")
			.contains("displayName");
		assertThat(filters.getAllValues().get(1).getCriteriaObject().toString()).doesNotContain("username")
			.contains("displayName");
	}

	@Test
	void anUnknownUserIsNotFound() throws Exception {
		given(this.accounts.find("u-9")).willReturn(Optional.empty());
		this.mvc.perform(get("/api/auth/users/u-9").with(as("director"))).andExpect(status().isNotFound());
	}

	@Test
	void onlyDirectorsChangeRoles() throws Exception {
		this.mvc.perform(role("u-1", "director").with(as("therapist"))).andExpect(status().isForbidden());
		verifyNoInteractions(this.keycloak, this.accounts);
	}

	@Test
	void aRoleChangeAddsBeforeItRemovesAndRecordsTheEvent() throws Exception {
		given(this.accounts.find("u-1")).willReturn(Optional.of(therapist()));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
		given(this.onboarding.now()).willReturn(Instant.parse("2026-11-22T06:00:00Z"));
		this.mvc.perform(role("u-1", "director").with(as("director")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.previousRole").value("therapist"));
		var order = inOrder(this.keycloak, this.accounts);
		order.verify(this.keycloak).assignRealmRole("u-1", "director");
		order.verify(this.keycloak).removeRealmRole("u-1", "therapist");
		order.verify(this.accounts)
			.update(any(), any(), argThat((OutboxEntry e) -> e.type().equals("therapy.identity.user-role-changed.v1")),
					any());
	}

	@Test
	void patientIsNotAStaffRole() throws Exception {
		this.mvc.perform(role("u-1", "patient").with(as("director")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		verifyNoInteractions(this.keycloak);
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder role(String userId,
			String role) {
		return put("/api/auth/users/" + userId + "/role").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"" + role + "\"}");
	}

	private static RequestPostProcessor as(String role) {
		return jwt().jwt((token) -> token.subject("director-1"))
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_" + role)));
	}

	private static Account therapist() {
		Instant created = Instant.parse("2026-11-01T00:00:00Z");
		return new Account("u-1", "tess@example.org", "therapist", "Tess Tester", AccountStatus.ACTIVE,
				new Account.Licence("LPC", "L-1"), null, null, "director-1", created, created, List.of());
	}

}
