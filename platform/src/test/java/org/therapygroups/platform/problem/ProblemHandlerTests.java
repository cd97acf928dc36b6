package org.therapygroups.platform.problem;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
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
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.testapp.KitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
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
			.andExpect(jsonPath("$.errors[0].pointer").value("/name"))
			.andExpect(jsonPath("$.errors[1].field").value("size"))
			.andExpect(jsonPath("$.errors[1].pointer").value("/size"))
			.andExpect(content().string(not(containsString("-4"))));
	}

	@Test
	void aNestedInvalidFieldHasItsJsonPointer() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"n\",\"size\":1,\"records\":[{\"intensity\":5},{\"intensity\":101}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("records[1].intensity"))
			.andExpect(jsonPath("$.errors[0].pointer").value("/records/1/intensity"))
			.andExpect(content().string(not(containsString("101"))));
	}

	@Test
	void aMalformedDateNamesItsFieldWithoutTheValue() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"n\",\"size\":1,\"startsOn\":\"2026-13-45\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("startsOn"))
			.andExpect(jsonPath("$.errors[0].pointer").value("/startsOn"))
			.andExpect(jsonPath("$.errors[0].message").value("has the wrong format"))
			.andExpect(content().string(not(containsString("2026-13-45"))));
	}

	@Test
	void aValueOfTheWrongTypeDeepInTheBodyNamesItsField() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"n\",\"size\":1,\"records\":[{\"intensity\":\"very high\"}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("records[0].intensity"))
			.andExpect(jsonPath("$.errors[0].pointer").value("/records/0/intensity"))
			.andExpect(jsonPath("$.errors[0].message").value("has the wrong format"))
			.andExpect(content().string(not(containsString("very high"))));
	}

	@Test
	void aDateBeyondTheYear9999SaysSoForItsField() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"n\",\"size\":1,\"startsOn\":\"+100000-01-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].pointer").value("/startsOn"))
			.andExpect(jsonPath("$.errors[0].message").value(PlausibleTimes.OUT_OF_RANGE))
			.andExpect(content().string(not(containsString("100000"))));
	}

	@Test
	void annotatedConstraintsAndChecksInCodeAnswerTogether() throws Exception {
		this.mvc
			.perform(post("/t/form-checked").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\" \",\"size\":3,\"startsOn\":\"2020-01-01\",\"until\":\"1 May\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("name", "size", "until")))
			.andExpect(jsonPath("$.errors[2].pointer").value("/until"))
			.andExpect(jsonPath("$.errors[2].message").value("has the wrong format"));
	}

	@Test
	void aFieldPathBecomesAnEscapedJsonPointer() {
		assertThat(FieldError.pointer("recurrence.start")).isEqualTo("/recurrence/start");
		assertThat(FieldError.pointer("process.thoughtRecords[0].intensity"))
			.isEqualTo("/process/thoughtRecords/0/intensity");
		assertThat(FieldError.pointer("[2].a")).isEqualTo("/2/a");
		assertThat(FieldError.pointer("tags.a/b~c")).isEqualTo("/tags/a~1b~0c");
		assertThat(FieldError.pointer("")).isEmpty();
		assertThat(new FieldError("location.room", "too long").pointer()).isEqualTo("/location/room");
	}

	@Test
	void anUnreadableBodyIsA400ThatEchoesNothing() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"secret text"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors").doesNotExist())
			.andExpect(content().string(not(containsString("secret"))));
	}

	@Test
	void brokenJsonAfterAGoodFieldStaysTheGeneric400() throws Exception {
		this.mvc
			.perform(post("/t/form").with(therapist())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"n\", \"size\": 1, \"records\": [{\"intensity\": 4,]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The request body is not valid JSON of the expected shape."))
			.andExpect(jsonPath("$.errors").doesNotExist());
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

	record Form(@NotBlank String name, @Positive int size, LocalDate startsOn, List<@Valid Entry> records) {
	}

	record Entry(@Max(100) Integer intensity) {
	}

	/** A date taken as text, so that its format is checked with the other fields. */
	record CheckedForm(@NotBlank String name, int size, String startsOn, String until) {
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

		@PostMapping("/t/form-checked")
		void checkedForm(@Valid @RequestBody CheckedForm form, BindingResult validation) {
			Violations violations = new Violations().addAll(validation);
			if (form.size() > 2) {
				violations.add("size", "must be at most 2");
			}
			violations.parse("startsOn", form.startsOn(), LocalDate::parse);
			violations.parse("until", form.until(), LocalDate::parse);
			violations.throwIfAny();
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
