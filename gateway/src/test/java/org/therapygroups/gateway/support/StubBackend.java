package org.therapygroups.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays Keycloak's JWKS endpoint and every downstream service: records what reaches it
 * and answers 200, or late for paths ending in {@code /slow}.
 */
public final class StubBackend implements AutoCloseable {

	public static final String JWKS_PATH = "/realms/therapy/protocol/openid-connect/certs";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final BlockingQueue<Recorded> received = new LinkedBlockingQueue<>();

	private final byte[] jwks;

	private StubBackend(String jwks) throws IOException {
		this.jwks = jwks.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(JWKS_PATH, this::serveJwks);
		this.server.createContext("/", this::record);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public static StubBackend start(String jwks) {
		try {
			return new StubBackend(jwks);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A port nothing listens on, for an unreachable service. */
	public static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Points the gateway at this stub for every service and for Keycloak's keys, and at
	 * the in-memory database for browser sessions.
	 */
	public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", TestDatabase::uri);
		registry.add("AUTH_SERVICE_URL", this::url);
		registry.add("SESSIONS_SERVICE_URL", this::url);
		registry.add("NOTES_SERVICE_URL", this::url);
		registry.add("therapy.security.jwk-set-uri", this::jwksUrl);
		registry.add("therapy.security.issuer-uri", () -> TestTokens.ISSUER);
	}

	public String jwksUrl() {
		return url() + JWKS_PATH;
	}

	/** The next request that reached a service, or {@code null} after {@code millis}. */
	public Recorded next(long millis) throws InterruptedException {
		return this.received.poll(millis, TimeUnit.MILLISECONDS);
	}

	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void serveJwks(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		respond(exchange, this.jwks);
	}

	private void record(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		catch (IOException ex) {
			// The gateway cut an oversized body short.
			exchange.close();
			return;
		}
		this.received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestHeaders(), body));
		if (exchange.getRequestURI().getPath().endsWith("/slow")) {
			try {
				Thread.sleep(8000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// Headers a service might send that the gateway's policy replaces.
		exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
		exchange.getResponseHeaders().set("Cache-Control", "public, max-age=60");
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		respond(exchange, "{\"stub\":true}".getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(HttpExchange exchange, byte[] body) throws IOException {
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** One request as a service saw it. */
	public record Recorded(String method, String path, Headers headers, byte[] body) {

		public String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
