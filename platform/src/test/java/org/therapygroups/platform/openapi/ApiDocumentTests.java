package org.therapygroups.platform.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.testapp.KitTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document every service serves, as the kit shapes it: a web slice of a
 * service whose controller has a public and a protected operation.
 */
@WebMvcTest(properties = { "therapy.security.public-paths=/api/kit/public/**",
		"therapy.openapi.server-url=https://therapy.example.test/" })
@ContextConfiguration(classes = KitTestApplication.class)
@ImportAutoConfiguration({ SpringDocConfigProperties.class, SpringDocConfiguration.class,
		SpringDocWebMvcConfiguration.class, ApiDocumentAutoConfiguration.class })
@Import(ApiDocumentTests.Described.class)
class ApiDocumentTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void oneBearerSchemeForEveryOperationButThePublicOnes() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.type").value("http"))
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
			.andExpect(jsonPath("$.components.securitySchemes.bearer.bearerFormat").value("JWT"))
			.andExpect(jsonPath("$.security[0].bearer").isArray())
			.andExpect(jsonPath("$.paths['/api/kit/public/hello'].get.security").isEmpty())
			.andExpect(jsonPath("$.paths['/api/kit/things/{id}'].post.security").doesNotExist());
	}

	@Test
	void theOnlyServerIsTheGateway() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(jsonPath("$.servers.length()").value(1))
			.andExpect(jsonPath("$.servers[0].url").value("https://therapy.example.test"));
	}

	@Test
	void errorResponsesAreProblemsAsTheyApply() throws Exception {
		String thing = "$.paths['/api/kit/things/{id}'].post.responses";
		String hello = "$.paths['/api/kit/public/hello'].get.responses";
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(jsonPath("$.components.schemas.Problem.properties.errors.items.properties.pointer").exists())
			.andExpect(jsonPath("$.components.responses.BadRequest.content['application/problem+json'].schema['$ref']")
				.value("#/components/schemas/Problem"))
			.andExpect(jsonPath(thing + "['400']['$ref']").value("#/components/responses/BadRequest"))
			.andExpect(jsonPath(thing + "['401']").exists())
			.andExpect(jsonPath(thing + "['403']").exists())
			.andExpect(jsonPath(thing + "['404']").exists())
			.andExpect(jsonPath(thing + "['409'].description").value("Already there."))
			.andExpect(jsonPath(thing + "['503']['$ref']").value("#/components/responses/ServiceUnavailable"))
			.andExpect(jsonPath(thing + "['200'].content['application/json']").exists())
			.andExpect(jsonPath(hello + "['401']").doesNotExist())
			.andExpect(jsonPath(hello + "['400']").doesNotExist())
			.andExpect(jsonPath(hello + "['503']").exists());
	}

	@Test
	void theCallerIsNoParameterAndJacksonTypesAreNoSchemas() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(jsonPath("$.paths['/api/kit/things/{id}'].post.parameters.length()").value(1))
			.andExpect(jsonPath("$.paths['/api/kit/things/{id}'].post.tags[0]").value("described"))
			.andExpect(content().string(not(containsString("JsonNode"))))
			.andExpect(content().string(not(containsString("\"Actor\""))));
	}

	@Test
	void anOperationWithoutSummaryOrOperationIdFailsTheDocument() throws Exception {
		ApiDocument document = new ApiDocument(new ApiDocumentProperties(null, null, null, null), null,
				new MockEnvironment());
		io.swagger.v3.oas.models.Operation operation = new io.swagger.v3.oas.models.Operation();
		document.customize(operation, new HandlerMethod(new Undescribed(), Undescribed.class.getMethod("hello")));
		assertThatIllegalStateException().isThrownBy(() -> document.customise(new OpenAPI().paths(new Paths())))
			.withMessageContaining("Undescribed.hello");
	}

	@Test
	void withoutAConfiguredServerTheServicesPublicBaseUrlIsUsed() {
		ApiDocument document = new ApiDocument(new ApiDocumentProperties(null, null, null, null), null,
				new MockEnvironment().withProperty("PUBLIC_BASE_URL", "http://127.0.0.1:13080/"));
		assertThat(document.serverUrl()).isEqualTo("http://127.0.0.1:13080");
		assertThat(new ApiDocument(new ApiDocumentProperties(null, null, null, null), null, new MockEnvironment())
			.serverUrl()).isEqualTo("http://127.0.0.1:8080");
	}

	record Thing(String name, JsonNode content) {
	}

	@RestController
	static class Described {

		@GetMapping("/api/kit/public/hello")
		@Operation(operationId = "hello", summary = "Says hello to anyone")
		String hello() {
			return "hello";
		}

		@PostMapping("/api/kit/things/{id}")
		@Operation(operationId = "putThing", summary = "Puts a thing",
				responses = { @ApiResponse(responseCode = "200", description = "Put"),
						@ApiResponse(responseCode = "409", description = "Already there.",
								content = @Content(mediaType = ApiDocument.PROBLEM_JSON,
										schema = @Schema(ref = ApiDocument.PROBLEM))) })
		Thing put(Actor actor, @PathVariable String id, @RequestBody Thing thing) {
			return thing;
		}

	}

	static class Undescribed {

		public String hello() {
			return "hello";
		}

	}

}
