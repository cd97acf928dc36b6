package org.therapygroups.devstack.robustness;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.therapygroups.devstack.Http;

/**
 * Random and boundary values for a schema: mostly of the declared type (so requests get
 * past parsing into the services' own checks), sometimes of another type, null or absent.
 * Ids the run itself created are reused for path parameters, so requests also reach
 * records that exist; ids of the demo users are never learned, so the run cannot lock
 * other tests out.
 */
final class Values {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> TEXTS = List.of("", " ", "a", "Zoë 名前 🙂", "\u0000", "a\u0000b", "\t\n\r",
			"<script>alert(1)</script>", "' OR '1'='1", "{\"$gt\":\"\"}", "$where", "../../etc/passwd", "%00", "%2e%2e",
			"null", "true", "-1", "FREQ=DAILY;", "FREQ=WEEKLY;BYDAY=TU",
			"FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17;BYMINUTE=0,15,30,45", "FREQ=MINUTELY", "FREQ=DAILY;COUNT=0",
			"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "Europe/Berlin", "Mars/Olympus_Mons", "UTC", "therapist",
			"director", "patient", "PSYCHODYNAMIC", "CBT", "LEAD", "ACTIVE", "FINISHED", "CANCELLED", "PRESENT", "LATE",
			"someone@example.org", "not-an-email", "time,asc", ",", "time,sideways", "x".repeat(101), "y".repeat(5000));

	private static final List<String> DATE_TIMES = List.of("+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
			"+999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
			"1970-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "yesterday", "2026-09-01T18:00:00",
			"999999999-09-01T18:00:00", "+999999999-12-31T23:59:59");

	private static final List<String> DATES = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
			"9999-12-31", "2026-02-30", "2026-09-01", "tomorrow");

	private static final List<Object> NUMBERS = List.of(0, 1, -1, 2, 20, 100, 1001, Integer.MAX_VALUE,
			Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.5, 3.5, "12", "NaN");

	private final Random random;

	private final List<String> ids = new ArrayList<>();

	Values(Random random) {
		this.random = random;
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	private <T> T pick(List<T> from) {
		return from.get(this.random.nextInt(from.size()));
	}

	String pathValue() {
		if (!this.ids.isEmpty() && chance(0.6)) {
			return pick(this.ids);
		}
		return chance(0.5) ? UUID.randomUUID().toString() : pick(TEXTS);
	}

	/**
	 * A JSON body for an operation: usually generated from its schema, sometimes broken.
	 */
	String body(JsonNode content, JsonNode document) {
		double roll = this.random.nextDouble();
		if (roll < 0.05) {
			return pick(List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "1e999999"));
		}
		JsonNode media = content.has("application/json") ? content.get("application/json") : content.elements().next();
		return of(GenerativeApiIT.Schemas.resolve(document, media.path("schema")), document, 0).toString();
	}

	JsonNode of(JsonNode schema, JsonNode document, int depth) {
		JsonNode resolved = GenerativeApiIT.Schemas.resolve(document, schema);
		if (chance(0.04)) {
			return NODES.nullNode();
		}
		if (chance(0.04)) {
			return wrongType();
		}
		for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
			if (resolved.has(combinator) && resolved.get(combinator).size() > 0) {
				return of(resolved.get(combinator).get(this.random.nextInt(resolved.get(combinator).size())), document,
						depth);
			}
		}
		if (resolved.has("enum") && chance(0.85)) {
			JsonNode options = resolved.get("enum");
			return options.get(this.random.nextInt(options.size()));
		}
		String type = type(resolved);
		String format = resolved.path("format").asText("");
		return switch (type) {
			case "string" -> NODES.textNode(text(format));
			case "integer", "number" -> number();
			case "boolean" -> NODES.booleanNode(this.random.nextBoolean());
			case "array" -> array(resolved, document, depth);
			default -> object(resolved, document, depth);
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode option : type) {
				if (!"null".equals(option.asText())) {
					return option.asText();
				}
			}
		}
		if (type.isTextual()) {
			return type.asText();
		}
		return schema.has("properties") ? "object" : "string";
	}

	private String text(String format) {
		return switch (format) {
			case "date-time" -> chance(0.6) ? pick(DATE_TIMES)
					: Instant.now()
						.plus(this.random.nextInt(400) - 30, ChronoUnit.DAYS)
						.truncatedTo(ChronoUnit.MINUTES)
						.toString();
			case "date" -> pick(DATES);
			case "uuid" -> chance(0.7) ? UUID.randomUUID().toString() : pick(TEXTS);
			default -> (!this.ids.isEmpty() && chance(0.2)) ? pick(this.ids) : pick(TEXTS);
		};
	}

	private JsonNode number() {
		Object value = pick(NUMBERS);
		if (value instanceof Integer i) {
			return NODES.numberNode(i);
		}
		if (value instanceof Long l) {
			return NODES.numberNode(l);
		}
		if (value instanceof Double d) {
			return NODES.numberNode(d);
		}
		return NODES.textNode((String) value);
	}

	private JsonNode array(JsonNode schema, JsonNode document, int depth) {
		ArrayNode array = NODES.arrayNode();
		int size = (depth > 3) ? 0 : pick(List.of(0, 1, 1, 2, 3, 50));
		for (int i = 0; i < size; i++) {
			array.add(of(schema.path("items"), document, depth + 1));
		}
		return array;
	}

	private JsonNode object(JsonNode schema, JsonNode document, int depth) {
		ObjectNode object = NODES.objectNode();
		if (depth > 4) {
			return object;
		}
		for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties
			.hasNext();) {
			Map.Entry<String, JsonNode> property = properties.next();
			if (chance(0.9)) {
				object.set(property.getKey(), of(property.getValue(), document, depth + 1));
			}
		}
		if (chance(0.05)) {
			object.put("unexpected", "field");
		}
		return object;
	}

	private JsonNode wrongType() {
		return switch (this.random.nextInt(4)) {
			case 0 -> NODES.textNode("not what was asked");
			case 1 -> NODES.numberNode(-1);
			case 2 -> NODES.arrayNode().add(1);
			default -> NODES.objectNode().put("x", 1);
		};
	}

	/** Remembers the ids of records the run itself created. */
	void learn(String method, HttpResponse<String> response) {
		if (!"POST".equals(method) || response.statusCode() != 201 || this.ids.size() > 200) {
			return;
		}
		try {
			JsonNode body = Http.parse(response.body());
			for (String field : List.of("id", "userId", "episodeId", "noteId", "sessionId", "groupId")) {
				if (body.path(field).isTextual()) {
					this.ids.add(body.get(field).asText());
				}
			}
		}
		catch (RuntimeException ex) {
			// not JSON: nothing to learn
		}
	}

}
