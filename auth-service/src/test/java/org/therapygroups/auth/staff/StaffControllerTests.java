package org.therapygroups.auth.staff;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.security.SecurityTestConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(StaffController.class)
@Import({ SecurityTestConfig.class, StaffOnboarding.class })
class StaffControllerTests {

	private static final String THERAPIST = """
			{"firstName":"Tess","lastName":"Tester","email":"Tess@Example.org","role":"therapist",
			 "licenceType":"LPC","licenceNumber":"L-1"}""";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Onboarding onboarding;

	@MockitoBean
	private KeycloakUsers keycloak;

	@ParameterizedTest
	@ValueSource(strings = { "patient", "therapist" })
	void onlyDirectorsCreateStaff(String role) throws Exception {
		this.mvc.perform(create(THERAPIST, role))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		verifyNoInteractions(this.onboarding, this.keycloak);
	}

	@Test
	void createsAnEnabledUserWhoMustSetAPasswordWithTheEmailAsUsername() throws Exception {
		given(this.onboarding.onboard(any())).willReturn(new Onboarding.Onboarded("u-1", "tess@example.org",
				"therapist", "code", URI.create("http://x/invite#code=code"), Instant.parse("2026-12-01T00:00:00Z")));
		this.mvc.perform(create(THERAPIST, "director"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.userId").value("u-1"))
			.andExpect(jsonPath("$.code").value("code"));
		ArgumentCaptor<Onboarding.Applicant> applicant = ArgumentCaptor.forClass(Onboarding.Applicant.class);
		verify(this.onboarding).onboard(applicant.capture());
		assertThat(applicant.getValue().username()).isEqualTo("tess@example.org");
		assertThat(applicant.getValue().role()).isEqualTo("therapist");
		assertThat(applicant.getValue().enabled()).isTrue();
		assertThat(applicant.getValue().requiredActions()).containsExactly("UPDATE_PASSWORD");
		assertThat(applicant.getValue().createdBy()).isEqualTo("director-1");
		assertThat(applicant.getValue().licence().number()).isEqualTo("L-1");
	}

	@Test
	void missingNamesAndABadEmailAreFieldErrors() throws Exception {
		this.mvc.perform(create("""
				{"firstName":" ","email":"not-an-email","role":"director"}""", "director"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.hasItems("email", "firstName", "lastName")));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void controlCharactersInNamesAreFieldErrors() throws Exception {
		this.mvc.perform(create(THERAPIST.replace("Tess", "Te\\u0000ss").replace("Tester", "Tes\\nter"), "director"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("firstName", "lastName")));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void aTherapistNeedsALicence() throws Exception {
		this.mvc.perform(create("""
				{"firstName":"Tess","lastName":"Tester","email":"tess@example.org","role":"therapist"}""", "director"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("licenceType", "licenceNumber")));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void namesLicenceAndSupervisorAreReportedInOneAnswer() throws Exception {
		this.mvc.perform(create("""
				{"firstName":" ","lastName":"Tester","email":"tess@example.org","role":"therapist",
				"supervisorId":"not-a-user-id"}""", "director"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("firstName", "licenceType", "licenceNumber", "supervisorId")))
			.andExpect(jsonPath("$.errors[3].pointer").value("/supervisorId"))
			.andExpect(
					content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("not-a-user-id"))));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void anUnknownRoleIsAFieldError() throws Exception {
		this.mvc.perform(create(THERAPIST.replace("\"therapist\"", "\"patient\""), "director"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
	}

	@Test
	void aSupervisorMustBeAnExistingClinician() throws Exception {
		String withSupervisor = THERAPIST.replace("}", ",\"supervisorId\":\"9b2f6c1e-0000-4000-8000-000000000001\"}");
		given(this.keycloak.realmRoles("9b2f6c1e-0000-4000-8000-000000000001")).willReturn(java.util.Optional.empty());
		this.mvc.perform(create(withSupervisor, "director"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("supervisorId"));
		verifyNoInteractions(this.onboarding);
	}

	@Test
	void aTakenEmailIsAConflict() throws Exception {
		given(this.onboarding.onboard(any())).willThrow(new ApiProblem(HttpStatus.CONFLICT, "exists"));
		this.mvc.perform(create(THERAPIST, "director"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void keycloakAwayIsServiceUnavailable() throws Exception {
		given(this.onboarding.onboard(any())).willThrow(new ProcessingException("connection refused"));
		this.mvc.perform(create(THERAPIST, "director"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		this.mvc.perform(create("{", "director")).andExpect(status().isBadRequest());
	}

	private static MockHttpServletRequestBuilder create(String body, String role) {
		return post("/api/auth/staff").contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(jwt().jwt((token) -> token.subject("director-1"))
				.authorities(List.of(new SimpleGrantedAuthority("ROLE_" + role))));
	}

}
