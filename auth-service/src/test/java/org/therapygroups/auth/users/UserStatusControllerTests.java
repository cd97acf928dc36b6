package org.therapygroups.auth.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
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

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UserStatusController.class)
@Import({ SecurityTestConfig.class, AccountDeactivation.class, AccountReactivation.class, ManagedAccounts.class })
class UserStatusControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Accounts accounts;

	@MockitoBean
	private KeycloakUsers keycloak;

	@MockitoBean
	private Onboarding onboarding;

	@ParameterizedTest
	@ValueSource(strings = { "patient", "therapist" })
	void onlyDirectorsChangeAccountStatus(String role) throws Exception {
		this.mvc.perform(post("/api/auth/users/u-1/deactivate").with(as(role))).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/auth/users/u-1/reactivate").with(as(role))).andExpect(status().isForbidden());
		verifyNoInteractions(this.accounts, this.keycloak);
	}

	@Test
	void deactivatingDisablesEndsSessionsAndRecordsTheEvent() throws Exception {
		given(this.accounts.find("u-1")).willReturn(Optional.of(account(AccountStatus.ACTIVE)));
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
		given(this.onboarding.now()).willReturn(Instant.parse("2026-11-22T06:00:00Z"));
		this.mvc.perform(post("/api/auth/users/u-1/deactivate").with(as("director")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DEACTIVATED"));
		var order = inOrder(this.keycloak, this.accounts);
		order.verify(this.keycloak).disableAndLogout("u-1");
		order.verify(this.accounts)
			.update(any(), any(), argThat((OutboxEntry e) -> e.type().equals("therapy.identity.user-deactivated.v1")),
					any());
	}

	@Test
	void anInvitedAccountCannotBeDeactivated() throws Exception {
		given(this.accounts.find("u-1")).willReturn(Optional.of(account(AccountStatus.INVITED)));
		this.mvc.perform(post("/api/auth/users/u-1/deactivate").with(as("director"))).andExpect(status().isConflict());
		verifyNoInteractions(this.keycloak);
	}

	@Test
	void anUnknownAccountIsNotFound() throws Exception {
		given(this.accounts.find("u-9")).willReturn(Optional.empty());
		this.mvc.perform(post("/api/auth/users/u-9/reactivate").with(as("director"))).andExpect(status().isNotFound());
	}

	@Test
	void directorsCannotDeactivateThemselves() throws Exception {
		this.mvc.perform(post("/api/auth/users/director-1/deactivate").with(as("director")))
			.andExpect(status().isConflict());
		verifyNoInteractions(this.keycloak);
	}

	private static RequestPostProcessor as(String role) {
		return jwt().jwt((token) -> token.subject("director-1"))
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_" + role)));
	}

	private static Account account(AccountStatus status) {
		Instant created = Instant.parse("2026-11-01T00:00:00Z");
		return new Account("u-1", "tess@example.org", "therapist", "Tess Tester", status, null, null, null,
				"director-1", created, created, List.of());
	}

}
