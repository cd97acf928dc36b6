package org.therapygroups.notes.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Note content is stored and sent as JSON shaped by the note's template, so its schema in
 * the API document comes from the templates themselves: one schema per template version
 * and part ({@code CbtV1Process}), and per part the content any template allows
 * ({@code ProcessContent}), which the request and view records name with
 * {@code @Schema(ref = ...)}. A new template file changes the document without code.
 */
@Component
public class TemplateSchemas implements OpenApiCustomizer {

	public static final String GROUP = "#/components/schemas/GroupContent";

	public static final String PROGRESS = "#/components/schemas/ProgressContent";

	public static final String PROCESS = "#/components/schemas/ProcessContent";

	private static final Map<NoteTemplate.Part, String> DESCRIPTIONS = Map.of(NoteTemplate.Part.GROUP,
			"The group part of a note", NoteTemplate.Part.PROGRESS,
			"A member's progress entry (a regular record the patient may read once signed)", NoteTemplate.Part.PROCESS,
			"A member's process note (psychotherapy / SUD counselling note)");

	private final Templates templates;

	TemplateSchemas(Templates templates) {
		this.templates = templates;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		if (components.getSchemas() != null) {
			components.getSchemas().values().forEach(TemplateSchemas::onlyTheReference);
		}
		for (NoteTemplate.Part part : NoteTemplate.Part.values()) {
			List<Schema> variants = new ArrayList<>();
			for (NoteTemplate template : this.templates.all()) {
				String name = name(template, part);
				components.addSchemas(name, object(template.fields(part), null).description(DESCRIPTIONS.get(part)
						+ " as template `" + template.id() + "` version " + template.version() + " has it."));
				variants.add(new Schema<>().$ref("#/components/schemas/" + name));
			}
			components.addSchemas(contentName(part), new Schema<>().anyOf(variants)
				.description(DESCRIPTIONS.get(part) + ": the fields of the note's template (the note's `template`; "
						+ "all templates at `GET /api/notes/templates`). Fields are optional unless required; "
						+ "no others are accepted."));
		}
	}

	/**
	 * A content field names its schema by reference; what the framework adds beside it
	 * for the Java type (an object of any JSON value) would contradict it.
	 */
	private static void onlyTheReference(Schema<?> schema) {
		if (schema.getProperties() == null) {
			return;
		}
		schema.getProperties()
			.replaceAll((name,
					property) -> (property.get$ref() != null
							&& List.of(GROUP, PROGRESS, PROCESS).contains(property.get$ref()))
									? new Schema<>().$ref(property.get$ref()) : property);
	}

	private static String contentName(NoteTemplate.Part part) {
		return StringUtils.capitalize(part.name().toLowerCase(Locale.ROOT)) + "Content";
	}

	private static String name(NoteTemplate template, NoteTemplate.Part part) {
		StringBuilder name = new StringBuilder();
		for (String word : template.id().split("[^A-Za-z0-9]+")) {
			name.append(StringUtils.capitalize(word));
		}
		return name.append('V')
			.append(template.version())
			.append(StringUtils.capitalize(part.name().toLowerCase(Locale.ROOT)))
			.toString();
	}

	/** As {@link TemplateValidator} checks a value of this kind. */
	private static Schema<?> schema(FieldSpec spec) {
		Schema<?> schema = switch (spec.type()) {
			case "text" -> new StringSchema().maxLength(spec.max());
			case "int" -> new IntegerSchema().format("int32")
				.minimum((spec.min() != null) ? BigDecimal.valueOf(spec.min()) : null)
				.maximum((spec.maxValue() != null) ? BigDecimal.valueOf(spec.maxValue()) : null);
			case "enum" -> new StringSchema()._enum(spec.values());
			case "enumSet" ->
				new ArraySchema().items(new StringSchema()._enum(spec.values())).maxItems(spec.max()).uniqueItems(true);
			case "tags" -> new ArraySchema().items(new StringSchema().minLength(1).maxLength(100))
				.maxItems(spec.max())
				.uniqueItems(true);
			case "object" -> object(spec.fields(), spec.required());
			case "list" -> new ArraySchema().items(schema(spec.items())).maxItems(spec.max());
			default -> throw new IllegalStateException("unknown template field type " + spec.type());
		};
		if (spec.pattern() != null) {
			schema.description("Counted in the patient's patterns across sessions as `" + spec.pattern() + "`.");
		}
		return schema;
	}

	private static Schema<?> object(Map<String, FieldSpec> fields, List<String> required) {
		Map<String, Schema> properties = new LinkedHashMap<>();
		fields.forEach((name, field) -> properties.put(name, schema(field)));
		ObjectSchema object = new ObjectSchema();
		object.properties(properties).additionalProperties(false);
		if (required != null && !required.isEmpty()) {
			object.required(required);
		}
		return object;
	}

}
