package org.therapygroups.platform.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What every service's API document test checks, from the kit's test jar: the document a
 * client gets is usable (one bearer scheme, the gateway as the only server, no Java types
 * of the JSON library, every operation with a summary, every error a problem). It also
 * leaves the document in {@code target/openapi/<name>.json}, where
 * {@code scripts/lint-openapi} runs the strict linter on it.
 */
public final class ApiDocumentCheck {

	/**
	 * The gateway as the local stack runs it, the default of
	 * {@code therapy.openapi.server-url}.
	 */
	public static final String LOCAL_GATEWAY = "http://127.0.0.1:8080";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ApiDocumentCheck() {
	}

	/**
	 * Fetches {@code /v3/api-docs} (without a token, as Swagger UI does), checks it and
	 * writes it to {@code target/openapi/<name>.json}.
	 * @param mvc the service
	 * @param name the file name, e.g. {@code sessions}
	 * @param publicPathPrefix paths that need no token, e.g.
	 * {@code /api/sessions/public/}
	 * @return the document
	 */
	public static JsonNode fetch(MockMvc mvc, String name, String publicPathPrefix) {
		String body;
		try {
			MvcResult result = mvc.perform(get("/v3/api-docs")).andReturn();
			assertThat(result.getResponse().getStatus()).as("GET /v3/api-docs").isEqualTo(200);
			body = result.getResponse().getContentAsString();
			Path file = Path.of("target", "openapi", name + ".json");
			Files.createDirectories(file.getParent());
			Files.writeString(file, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		JsonNode document = JSON.readTree(body);
		assertUsable(document, publicPathPrefix);
		return document;
	}

	private static void assertUsable(JsonNode document, String publicPathPrefix) {
		JsonNode bearer = document.path("components").path("securitySchemes").path(ApiDocument.BEARER);
		assertThat(bearer.path("type").asString()).as("security scheme type").isEqualTo("http");
		assertThat(bearer.path("scheme").asString()).as("security scheme").isEqualTo("bearer");
		assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
		assertThat(document.path("security").path(0).has(ApiDocument.BEARER)).as("global security").isTrue();

		assertThat(document.path("servers").size()).as("servers").isEqualTo(1);
		assertThat(document.path("servers").path(0).path("url").asString()).isEqualTo(LOCAL_GATEWAY);

		List<String> javaTypes = new ArrayList<>();
		document.path("components").path("schemas").propertyNames().forEach((schema) -> {
			if (schema.toLowerCase(Locale.ROOT).contains("jsonnode") || schema.equals("Actor")) {
				javaTypes.add(schema);
			}
		});
		assertThat(javaTypes).as("schemas of Java types rather than of the API").isEmpty();
		assertThat(document.toString()).doesNotContain("\"nodeType\"", "\"bigDecimal\"");

		List<String> undescribed = new ArrayList<>();
		List<String> openOrNot = new ArrayList<>();
		List<String> notProblems = new ArrayList<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
			JsonNode spec = method.getValue();
			if (spec.path("summary").asString().isBlank() || spec.path("operationId").asString().isBlank()) {
				undescribed.add(operation);
			}
			boolean open = path.getKey().startsWith(publicPathPrefix);
			if (open != (spec.has("security") && spec.path("security").isEmpty())) {
				openOrNot.add(operation);
			}
			spec.path("responses").properties().forEach((response) -> {
				if (response.getKey().startsWith("4") && !isProblem(document, response.getValue())) {
					notProblems.add(operation + " " + response.getKey());
				}
			});
		}));
		assertThat(undescribed).as("operations without summary or operationId").isEmpty();
		assertThat(openOrNot).as("operations whose security does not match their path").isEmpty();
		assertThat(notProblems).as("error responses without problem JSON").isEmpty();
	}

	private static boolean isProblem(JsonNode document, JsonNode response) {
		JsonNode resolved = response;
		if (response.has("$ref")) {
			String name = response.path("$ref").asString().replace("#/components/responses/", "");
			resolved = document.path("components").path("responses").path(name);
		}
		return resolved.path("content")
			.path(ApiDocument.PROBLEM_JSON)
			.path("schema")
			.path("$ref")
			.asString()
			.equals(ApiDocument.PROBLEM);
	}

}
