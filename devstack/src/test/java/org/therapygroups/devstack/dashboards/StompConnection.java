package org.therapygroups.devstack.dashboards;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A minimal STOMP 1.2 client over the JDK's own WebSocket: what a script would write to
 * follow a dashboard, with no Spring on the client side. Frames arrive in a queue; a
 * closed connection arrives as a frame with the command {@code CLOSED}.
 */
final class StompConnection implements WebSocket.Listener, AutoCloseable {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final StringBuilder received = new StringBuilder();

	private final java.util.List<Frame> early = new java.util.ArrayList<>();

	private WebSocket socket;

	private int subscriptions;

	private StompConnection() {
	}

	/**
	 * Opens the WebSocket (the handshake carries the origin and, for the gateway, the
	 * bearer token) and sends STOMP {@code CONNECT} with the bearer token.
	 * @param url the {@code ws://} address
	 * @param origin the {@code Origin} of the handshake, or {@code null}
	 * @param token the bearer token, or {@code null}
	 * @return the connection, once the server answered {@code CONNECTED}
	 * @throws ExecutionException when the handshake is refused (its cause is a
	 * {@link java.net.http.WebSocketHandshakeException} with the response)
	 */
	static StompConnection open(String url, String origin, String token) throws Exception {
		StompConnection connection = new StompConnection();
		WebSocket.Builder builder = CLIENT.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.subprotocols("v12.stomp");
		if (origin != null) {
			builder.header("Origin", origin);
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		connection.socket = builder.buildAsync(URI.create(url), connection).get(30, TimeUnit.SECONDS);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("accept-version", "1.2");
		headers.put("host", "127.0.0.1");
		headers.put("heart-beat", "0,0");
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		connection.send("CONNECT", headers);
		Frame connected = connection.await((f) -> true, Duration.ofSeconds(30));
		if (!"CONNECTED".equals(connected.command())) {
			connection.close();
			throw new IllegalStateException("STOMP CONNECT answered " + connected);
		}
		return connection;
	}

	/**
	 * Subscribes, then listens for a refusal for a while. The simple broker sends no
	 * receipt for a subscription, so a subscription that nothing refused within the
	 * window counts as held; a refused one is answered at once with an {@code ERROR}
	 * frame and the connection is closed.
	 * @param destination the topic
	 * @param window how long to listen for a refusal
	 * @return the {@code ERROR} or {@code CLOSED} frame that refused it, or {@code null}
	 */
	Frame subscribe(String destination, Duration window) throws InterruptedException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("id", "sub-" + this.subscriptions++);
		headers.put("destination", destination);
		send("SUBSCRIBE", headers);
		long deadline = System.nanoTime() + window.toNanos();
		long left;
		while ((left = deadline - System.nanoTime()) > 0) {
			Frame frame = this.frames.poll(left, TimeUnit.NANOSECONDS);
			if (frame != null && (frame.command().equals("ERROR") || frame.command().equals("CLOSED"))) {
				return frame;
			}
			if (frame != null) {
				this.early.add(frame);
			}
		}
		this.frames.addAll(this.early);
		this.early.clear();
		return null;
	}

	/**
	 * The next frame that matches, skipping others.
	 * @throws AssertionError when none arrives in time
	 */
	Frame await(Predicate<Frame> wanted, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long left;
		while ((left = deadline - System.nanoTime()) > 0) {
			Frame frame = this.frames.poll(left, TimeUnit.NANOSECONDS);
			if (frame != null && wanted.test(frame)) {
				return frame;
			}
		}
		throw new AssertionError("no awaited STOMP frame within " + timeout);
	}

	private void send(String command, Map<String, String> headers) {
		StringBuilder frame = new StringBuilder(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
		frame.append('\n').append('\0');
		try {
			this.socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot send " + command, ex);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.received.append(data);
		int end;
		while ((end = this.received.indexOf("\0")) >= 0) {
			String raw = this.received.substring(0, end);
			this.received.delete(0, end + 1);
			Frame frame = Frame.parse(raw);
			if (frame != null) {
				this.frames.add(frame);
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.frames.add(new Frame("CLOSED", Map.of("status", Integer.toString(statusCode)), reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.frames.add(new Frame("CLOSED", Map.of("error", error.toString()), ""));
	}

	@Override
	public void close() {
		if (this.socket != null && !this.socket.isOutputClosed()) {
			CompletableFuture<WebSocket> closing = this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
			try {
				closing.get(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				this.socket.abort();
			}
		}
	}

	/**
	 * One STOMP frame.
	 *
	 * @param command the command
	 * @param headers its headers
	 * @param body its body
	 */
	record Frame(String command, Map<String, String> headers, String body) {

		static Frame parse(String raw) {
			String text = raw.replace("\r\n", "\n").stripLeading();
			if (text.isEmpty()) {
				// a heart-beat
				return null;
			}
			int headerEnd = text.indexOf("\n\n");
			String head = (headerEnd >= 0) ? text.substring(0, headerEnd) : text;
			String body = (headerEnd >= 0) ? text.substring(headerEnd + 2) : "";
			String[] lines = head.split("\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
				}
			}
			return new Frame(lines[0], headers, body);
		}

	}

}
