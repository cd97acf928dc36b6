package org.therapygroups.devstack.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.StackConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests broken below the application (URL encoding, request line, header size), sent
 * as raw bytes to the gateway and to each service's own web server: every one gets a 4xx
 * with a problem+json body.
 */
@ExtendWith(RunningStack.class)
class MalformedRequestsIT {

	static Stream<Arguments> cases() {
		StackConfig config = RunningStack.config();
		List<Object[]> servers = List.of(new Object[] { "gateway", config.gatewayPort(), "sessions" },
				new Object[] { "auth-service", config.authPort(), "auth" },
				new Object[] { "sessions-service", config.sessionsPort(), "sessions" },
				new Object[] { "notes-service", config.notesPort(), "notes" });
		return servers.stream().flatMap((server) -> {
			String base = "/api/" + server[2];
			return Stream.of(
					Arguments.of(server[0], server[1], "encoded dot-dot", base + "/%2e%2e/%2e%2e/etc", "", 400),
					Arguments.of(server[0], server[1], "encoded NUL", base + "/me%00", "", 400),
					Arguments.of(server[0], server[1], "invalid UTF-8", base + "/%C3%28", "", 400),
					Arguments.of(server[0], server[1], "bad escape", base + "/%zz", "", 400),
					Arguments.of(server[0], server[1], "100 KB path", base + "/" + "a".repeat(100 * 1024), "", 414),
					Arguments.of(server[0], server[1], "64 KB header", base + "/me",
							"X-Big: " + "b".repeat(64 * 1024) + "\r\n", 431));
		});
	}

	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource("cases")
	void isAProblem(String server, int port, String name, String target, String header, int expected)
			throws IOException {
		String head = send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + header
				+ "Connection: close\r\n\r\n");
		String[] statusLine = head.split("\r\n", 2)[0].split(" ", 3);
		assertThat(statusLine).as(head).hasSizeGreaterThan(1);
		int status = Integer.parseInt(statusLine[1]);
		assertThat(status).as(head).isBetween(400, 499);
		if (expected != 400) {
			// Tomcat reports an over-long request line as a bad request; the gateway says
			// 414
			assertThat(status).as(head).isIn(400, expected);
		}
		assertThat(head.toLowerCase(Locale.ROOT)).as(head).contains("content-type: application/problem+json");
		assertThat(head).contains("\"status\":" + status);
	}

	/** The response head and body as text, read until the server closes. */
	private static String send(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before it read everything
			}
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					received.write(buffer, 0, n);
				}
			}
			catch (SocketTimeoutException | SocketException ex) {
				// keep what arrived
			}
			return received.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
