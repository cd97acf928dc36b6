package org.therapygroups.devstack.robustness;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and boundary input for every operation of every service, read from the services'
 * own OpenAPI documents and sent through the gateway with real tokens of each role (new
 * accounts, so the demo users other tests rely on stay as they are). Any 5xx, or any
 * error without a problem+json body, fails the test. The run is fixed in size and
 * replayable: it prints its seed, and {@code -Dtherapy.fuzz.seed=<seed>} repeats it.
 */
@ExtendWith(RunningStack.class)
class GenerativeApiIT {

	private static final List<String> SERVICES = List.of("auth", "sessions", "notes");

	private static final List<String> USERS = List.of("director", "therapist", "patient");

	/** Requests per operation and role. */
	private static final int ROUNDS = Integer.getInteger("therapy.fuzz.rounds", 2);

	/**
	 * Stays below the gateway's per-user refill rate, so requests are not merely 429s.
	 */
	private static final Duration PAUSE_PER_USER = Duration.ofMillis(60);

	@Test
	void noInputMakesAnyServiceFailOrAnswerWithoutAProblem() {
		long seed = Long.getLong("therapy.fuzz.seed", System.nanoTime());
		System.out.println("GenerativeApiIT seed: " + seed + " (replay with -Dtherapy.fuzz.seed=" + seed + ")");
		Random random = new Random(seed);
		Map<String, String> tokens = new LinkedHashMap<>();
		USERS.forEach((role) -> tokens.put(role, FreshUser.token(role)));
		Values values = new Values(random);
		List<String> failures = new ArrayList<>();
		int sent = 0;
		for (String service : SERVICES) {
			JsonNode document = Http.json(Http.get(gateway("/v3/api-docs/" + service), null));
			List<Operation> operations = Operation.all(document);
			assertThat(operations).as("operations of %s", service).isNotEmpty();
			for (Operation operation : operations) {
				for (int round = 0; round < ROUNDS; round++) {
					for (String user : USERS) {
						HttpRequest request = operation.request(RunningStack.config().gatewayUrl(), values,
								tokens.get(user), document);
						HttpResponse<String> response = Http.send(request);
						sent++;
						String problem = Verdict.of(response);
						if (problem != null) {
							failures.add(problem + ": " + request.method() + " " + request.uri() + " as " + user
									+ " with " + operation.lastBody + " -> " + abbreviate(response.body()));
						}
						values.learn(request.method(), response);
						pause();
					}
				}
			}
		}
		System.out.println("GenerativeApiIT: " + sent + " requests, " + failures.size() + " failure(s)");
		assertThat(failures).as("seed %d", seed).isEmpty();
	}

	private static String gateway(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	private static void pause() {
		try {
			Thread.sleep(PAUSE_PER_USER.toMillis() / USERS.size());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What makes an answer wrong, or null when it is fine. */
	static final class Verdict {

		private Verdict() {
		}

		static String of(HttpResponse<String> response) {
			int status = response.statusCode();
			if (status >= 500) {
				return "server error " + status;
			}
			if (status >= 400) {
				String type = response.headers().firstValue("Content-Type").orElse("");
				if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
					return status + " without problem+json (" + type + ")";
				}
				if ("HEAD".equals(response.request().method())) {
					// a HEAD answer has headers only
					return null;
				}
				JsonNode body;
				try {
					body = Http.parse(response.body());
				}
				catch (RuntimeException ex) {
					return status + " with a body that is not JSON";
				}
				if (body.path("status").asInt() != status) {
					return status + " with a problem whose status differs";
				}
			}
			return null;
		}

	}

	/** One operation of an OpenAPI document. */
	static final class Operation {

		final String method;

		final String path;

		final JsonNode spec;

		String lastBody = "no body";

		Operation(String method, String path, JsonNode spec) {
			this.method = method;
			this.path = path;
			this.spec = spec;
		}

		static List<Operation> all(JsonNode document) {
			List<Operation> operations = new ArrayList<>();
			for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
				Map.Entry<String, JsonNode> path = paths.next();
				for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
					Map.Entry<String, JsonNode> method = methods.next();
					operations
						.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue()));
				}
			}
			return operations;
		}

		HttpRequest request(String base, Values values, String token, JsonNode document) {
			String target = this.path;
			StringBuilder query = new StringBuilder();
			for (JsonNode parameter : this.spec.path("parameters")) {
				JsonNode resolved = Schemas.resolve(document, parameter);
				String name = resolved.path("name").asText();
				String in = resolved.path("in").asText();
				if ("path".equals(in)) {
					target = target.replace("{" + name + "}", encode(values.pathValue(), true));
				}
				else if ("query".equals(in) && (resolved.path("required").asBoolean() || values.chance(0.8))) {
					JsonNode value = values.of(Schemas.resolve(document, resolved.path("schema")), document, 0);
					query.append(query.isEmpty() ? "?" : "&")
						.append(encode(name, false))
						.append('=')
						.append(encode(value.isTextual() ? value.asText() : value.toString(), false));
				}
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target + query))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token);
			JsonNode content = this.spec.path("requestBody").path("content");
			if (content.isObject() && content.size() > 0) {
				String body = values.body(content, document);
				this.lastBody = body;
				request.header("Content-Type", "application/json")
					.method(this.method, HttpRequest.BodyPublishers.ofString(body));
			}
			else {
				this.lastBody = "no body";
				request.method(this.method, HttpRequest.BodyPublishers.noBody());
			}
			return request.build();
		}

		private static String encode(String value, boolean pathSegment) {
			String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
			return pathSegment ? encoded.replace("+", "%20") : encoded;
		}

	}

	/** Following {@code $ref}s within one document. */
	static final class Schemas {

		private Schemas() {
		}

		static JsonNode resolve(JsonNode document, JsonNode node) {
			JsonNode current = node;
			for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
				String ref = current.get("$ref").asText();
				current = document.at(ref.substring(1));
			}
			return current;
		}

	}

}
