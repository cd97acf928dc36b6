package org.therapygroups.gateway.body;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Checks that bytes are exactly one well-formed JSON value, with Jackson's streaming
 * parser: no tree is built, and its default read constraints bound nesting depth and
 * token sizes.
 */
final class JsonSyntax {

	private static final JsonFactory FACTORY = new JsonFactory();

	private JsonSyntax() {
	}

	/**
	 * Returns {@code null} when the JSON is well formed, otherwise a message for the
	 * client that names the position but never echoes content.
	 */
	static String firstError(byte[] json) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
			if (parser.nextToken() == null) {
				return "The request body is empty.";
			}
			parser.skipChildren();
			if (parser.nextToken() != null) {
				return "The request body holds more than one JSON value.";
			}
			return null;
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			return (location != null) ? "The request body is not well-formed JSON (line %d, column %d)."
				.formatted(location.getLineNr(), location.getColumnNr()) : "The request body is not well-formed JSON.";
		}
	}

}
