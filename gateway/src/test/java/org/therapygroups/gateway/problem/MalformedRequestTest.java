package org.therapygroups.gateway.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.therapygroups.gateway.support.StubBackend;
import org.therapygroups.gateway.support.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests broken below the application (URL, request line, headers), sent as raw bytes
 * to the real Netty server: each gets its 4xx as problem JSON, never an empty body.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedRequestTest {

	static final TestTokens tokens = TestTokens.generate();

	static final StubBackend backend = StubBackend.start(tokens.jwks());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		backend.register(registry);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "encoded dot-dot, /api/sessions/%2e%2e/notes, '', 400", "encoded NUL, /api/sessions/me%00, '', 400",
			"bad escape, /api/sessions/%zz, '', 400",
			"invalid UTF-8 (passed on; no token), /api/sessions/%C3%28, '', 401",
			"raw space, /api/sessions/a b, '', 400", "100 KB path, LONG_PATH, '', 414",
			"64 KB header, /api/sessions/me, BIG_HEADER, 431" })
	void isAProblem(String name, String path, String header, int status) throws IOException {
		String target = path.equals("LONG_PATH") ? "/api/sessions/" + "a".repeat(100 * 1024) : path;
		String extra = header.equals("BIG_HEADER") ? "X-Big: " + "b".repeat(64 * 1024) + "\r\n" : "";
		RawResponse response = RawResponse.send(this.port,
				"GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "Connection: close\r\n\r\n");
		assertThat(response.status()).as(response.head()).isEqualTo(status);
		assertThat(response.header("content-type")).as(response.head()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status);
	}

	/** A response read from a raw socket until the server closes it. */
	record RawResponse(String head, String body) {

		static RawResponse send(int port, String request) throws IOException {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				try {
					out.write(request.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
				catch (IOException ex) {
					// the server may answer and close before it has read everything
				}
				ByteArrayOutputStream received = new ByteArrayOutputStream();
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				try {
					for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
						received.write(buffer, 0, n);
					}
				}
				catch (SocketTimeoutException | java.net.SocketException ex) {
					// keep what arrived
				}
				String text = received.toString(StandardCharsets.ISO_8859_1);
				int split = text.indexOf("\r\n\r\n");
				return (split < 0) ? new RawResponse(text, "")
						: new RawResponse(text.substring(0, split), text.substring(split + 4));
			}
		}

		int status() {
			String[] parts = this.head.split(" ", 3);
			return (parts.length > 1) ? Integer.parseInt(parts[1]) : -1;
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return "";
		}

	}

}
