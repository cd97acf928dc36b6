package org.therapygroups.auth.invitation;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.security.SecurityTestConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest({ InvitationController.class, AcceptController.class })
@Import({ SecurityTestConfig.class, ClientAddresses.class, PatientInvitation.class, InvitationAcceptance.class })
class InvitationControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Onboarding onboarding;

	@MockitoBean
	private Invitations invitations;

	@MockitoBean
	private AcceptRateLimiter limiter;

	@ParameterizedTest
	@ValueSource(strings = { "therapist", "director" })
	void cliniciansInviteDisabledPatients(String role) throws Exception {
		given(this.onboarding.onboard(any())).willReturn(new Onboarding.Onboarded("u-2", "pia.patient.123456",
				"patient", "code", URI.create("http://x/invite#code=code"), Instant.parse("2026-12-01T00:00:00Z")));
		this.mvc
			.perform(post("/api/auth/invitations").contentType(MediaType.APPLICATION_JSON)
				.content("{\"firstName\":\"Pía\",\"lastName\":\"Patient\"}")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_" + role))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.code").value("code"));
		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue().role()).isEqualTo("patient");
		assertThat(applicant.getValue().enabled()).isFalse();
		assertThat(applicant.getValue().email()).isNull();
		assertThat(applicant.getValue().username()).matches("pia\\.patient\\.\\d{6}");
	}

	@Test
	void patientsInviteNobody() throws Exception {
		this.mvc
			.perform(post("/api/auth/invitations").contentType(MediaType.APPLICATION_JSON)
				.content("{\"firstName\":\"Pat\",\"lastName\":\"Friend\"}")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_patient"))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(delete("/api/auth/invitations/u-2")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_patient"))))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.onboarding, this.invitations);
	}

	@Test
	void anInvitationNeedsNames() throws Exception {
		this.mvc
			.perform(post("/api/auth/invitations").contentType(MediaType.APPLICATION_JSON)
				.content("{\"lastName\":\"Friend\",\"email\":\"nope\"}")
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_therapist"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"))
			.andExpect(jsonPath("$.errors[1].field").value("firstName"));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void acceptingNeedsNoTokenButACodeAndAPassword() throws Exception {
		given(this.invitations.accept("c", "Welcome-to-group-7"))
			.willReturn(new Invitations.Accepted("u-2", "pia", "patient"));
		this.mvc
			.perform(post("/api/auth/public/invitations/accept").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"c\",\"password\":\"Welcome-to-group-7\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value("u-2"));
		this.mvc
			.perform(post("/api/auth/public/invitations/accept").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"c\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
	}

}
