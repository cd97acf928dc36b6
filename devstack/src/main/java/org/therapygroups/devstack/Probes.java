package org.therapygroups.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Small health checks shared by the components. */
public final class Probes {

	private Probes() {
	}

	/**
	 * With {@code HttpURLConnection} rather than {@code HttpClient}: the latter sets up
	 * TLS when it is built (the JDK's 140 root certificates parsed, some 550 classes
	 * loaded) and the launcher only ever asks plain HTTP on 127.0.0.1, several times a
	 * second while a stack starts on two cores.
	 */
	public static boolean httpOk(String url) {
		HttpURLConnection connection = null;
		try {
			connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
			connection.setInstanceFollowRedirects(false);
			connection.setConnectTimeout(2000);
			connection.setReadTimeout(3000);
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (body != null) {
					// read to the end: the connection is kept for the next probe
					body.transferTo(OutputStream.nullOutputStream());
				}
			}
			return status == 200;
		}
		catch (IOException ex) {
			if (connection != null) {
				connection.disconnect();
			}
			return false;
		}
	}

	static boolean tcpOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether nothing listens on the port, checked by binding it as the component will.
	 */
	static boolean portFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
