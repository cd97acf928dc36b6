package org.therapygroups.notes;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.therapygroups.platform.openapi.ApiDocumentCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the gateway shows for notes-service is one a client can use, with
 * note content typed by the templates; the file it leaves in {@code target/openapi} is
 * what the strict linter checks.
 */
class ApiDocumentTests extends NotesServiceTestBase {

	@Test
	void noteContentIsDescribedByTheTemplates() {
		JsonNode document = ApiDocumentCheck.fetch(this.mvc, "notes", "/api/notes/public/");
		JsonNode schemas = document.path("components").path("schemas");
		JsonNode intensity = schemas.path("CbtV1Process")
			.path("properties")
			.path("thoughtRecords")
			.path("items")
			.path("properties")
			.path("intensity");
		assertThat(intensity.path("type").asString()).isEqualTo("integer");
		assertThat(intensity.path("maximum").asInt()).isEqualTo(100);
		assertThat(schemas.path("ProcessContent").path("anyOf").size()).isEqualTo(3);
		assertThat(schemas.path("MemberSave").path("properties").path("process").path("$ref").asString())
			.isEqualTo("#/components/schemas/ProcessContent");
		assertThat(schemas.path("NoteView").path("properties").path("group").path("$ref").asString())
			.isEqualTo("#/components/schemas/GroupContent");
	}

}
