package org.therapygroups.platform.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.testapp.KitTestApplication;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one error style and the one way to learn who is calling, as every service gets
 * them: a web slice of a service whose only controller raises each kind of failure.
 */
@WebMvcTest(properties = "therapy.security.actor-roles=director, therapist")
@ContextConfiguration(classes = KitTestApplication.class)
@Import(ProblemHandlerTests.Failing.class)
class ProblemHandlerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void anApiProblemKeepsItsStatusFieldsAndMembers() throws Exception {
		this.mvc.perform(get("/t/conflict").with(therapist()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("In the way."))
			.andExpect(jsonPath("$.sessionId").value("s-1"));
	}

	@Test
	void everyInvalidFieldIsReportedAtOnceWithoutItsValue() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\" \",\"size\":-4}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[1].field").value("size"))
			.andExpect(content().string(not(containsString("-4"))));
	}

	@Test
	void anUnreadableBodyIsA400ThatEchoesNothing() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"secret text"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("secret"))));
	}

	@Test
	void aBadPathVariableNamesTheParameter() throws Exception {
		this.mvc.perform(get("/t/number/abc").with(therapist()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("n"));
	}

	@Test
	void aConcurrentChangeIsA409() throws Exception {
		this.mvc.perform(get("/t/concurrent").with(therapist())).andExpect(status().isConflict());
	}

	@Test
	void theDatabaseAwayIsA503WithRetryAfter() throws Exception {
		this.mvc.perform(get("/t/database").with(therapist()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void theActorIsTheTokensSubjectAndRoles() throws Exception {
		this.mvc.perform(get("/t/actor").with(therapist()))
			.andExpect(status().isOk())
			.andExpect(content().string("t-1 THERAPIST"));
	}

	@Test
	void aCallerWithoutAnyOfTheActorRolesIsRefused() throws Exception {
		this.mvc
			.perform(get("/t/actor").with(
					jwt().jwt((token) -> token.subject("p-1")).authorities(new SimpleGrantedAuthority("ROLE_patient"))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("This endpoint needs the role director or therapist."));
	}

	@Test
	void withoutATokenEveryPathIsA401Problem() throws Exception {
		this.mvc.perform(get("/t/actor"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor therapist() {
		return jwt().jwt((token) -> token.subject("t-1")).authorities(new SimpleGrantedAuthority("ROLE_therapist"));
	}

	record Form(@NotBlank String name, @Positive int size) {
	}

	@RestController
	static class Failing {

		@GetMapping("/t/conflict")
		void conflict() {
			throw ApiProblem.conflict("In the way.", java.util.Map.of("sessionId", "s-1"));
		}

		@PostMapping("/t/form")
		void form(@Valid @RequestBody Form form) {
		}

		@GetMapping("/t/number/{n}")
		int number(@PathVariable int n) {
			return n;
		}

		@GetMapping("/t/concurrent")
		void concurrent() {
			throw new OptimisticLockingFailureException("version 3 expected");
		}

		@GetMapping("/t/database")
		void database() {
			throw new DataAccessResourceFailureException("timed out");
		}

		@GetMapping("/t/actor")
		String actor(Actor actor) {
			return actor.id() + " " + actor.role();
		}

	}

}
