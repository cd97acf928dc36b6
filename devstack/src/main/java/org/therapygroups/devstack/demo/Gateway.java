package org.therapygroups.devstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What the demo loader says to the stack: JSON over HTTP to the gateway, as any client of
 * the API would, and password grants to Keycloak. Only loopback addresses are accepted. A
 * rate limit (429) or a moment without the database (503) is waited out; any other answer
 * goes back to the caller. Errors name the request and the problem's title, never a body
 * that was sent.
 */
final class Gateway {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int ATTEMPTS = 12;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	Gateway(String baseUrl) {
		this.baseUrl = requireLoopback(baseUrl);
	}

	/**
	 * The URL unchanged, if it points at this machine's loopback address.
	 * @param url a URL
	 * @return the URL
	 * @throws IllegalArgumentException for any other host
	 */
	static String requireLoopback(String url) {
		String host = URI.create(url).getHost();
		if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
			throw new IllegalArgumentException("demo data is loaded only into a stack on 127.0.0.1, not " + host);
		}
		return url;
	}

	Reply get(String path, String token) {
		return send(request(path, token).GET(), "GET " + path);
	}

	Reply post(String path, String token, Object body) {
		return send("POST", path, token, body);
	}

	Reply put(String path, String token, Object body) {
		return send("PUT", path, token, body);
	}

	Reply send(String method, String path, String token, Object body) {
		String json;
		try {
			json = JSON.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write the body of " + method + " " + path, ex);
		}
		return send(request(path, token).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json)), method + " " + path);
	}

	/**
	 * A form POST to an absolute loopback URL (Keycloak's token endpoint).
	 * @param url the URL
	 * @param form the fields
	 * @return the answer
	 */
	Reply postForm(String url, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(requireLoopback(url)))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request, "POST " + URI.create(url).getPath());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private Reply send(HttpRequest.Builder builder, String what) {
		HttpRequest request = builder.build();
		IOException lastFailure = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			HttpResponse<String> response;
			try {
				response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				lastFailure = ex;
				pause(Duration.ofSeconds(1));
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DemoException("interrupted during " + what);
			}
			if (response.statusCode() == 429 || response.statusCode() == 503) {
				long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
				pause(Duration.ofSeconds(Math.max(1, Math.min(seconds, 10))));
				continue;
			}
			return new Reply(what, response.statusCode(), parse(response.body()));
		}
		throw new DemoException(what + " did not get through after " + ATTEMPTS + " attempts"
				+ ((lastFailure != null) ? ": " + lastFailure.getClass().getSimpleName() : ""));
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			return MissingNode.getInstance();
		}
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DemoException("interrupted");
		}
	}

	/**
	 * An answer of the API.
	 *
	 * @param what the method and path, for messages
	 * @param status the HTTP status
	 * @param json the body, or a missing node
	 */
	record Reply(String what, int status, JsonNode json) {

		boolean is(int expected) {
			return this.status == expected;
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/** The first invalid field a 400 names, or an empty string. */
		String field() {
			return this.json.path("errors").path(0).path("field").asText("");
		}

		/**
		 * This answer, if its status is one of the expected ones.
		 * @param expected statuses
		 * @return this
		 * @throws DemoException naming the request, the status and the problem's detail
		 */
		Reply expect(int... expected) {
			for (int status : expected) {
				if (this.status == status) {
					return this;
				}
			}
			// problem details name fields and rules, never what was sent (docs/errors.md)
			String detail = this.json.path("detail").asText(this.json.path("title").asText(""));
			String field = field();
			throw new DemoException(this.what + " answered " + this.status + (detail.isEmpty() ? "" : ": " + detail)
					+ (field.isEmpty() ? "" : " (" + field + ")"));
		}

	}

}
