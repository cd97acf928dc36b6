package org.therapygroups.gateway.support;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** One in-memory database per test JVM, for the browser sessions. */
public final class TestDatabase {

	private static MongoServer server;

	private TestDatabase() {
	}

	public static synchronized String uri() {
		if (server == null) {
			server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
		}
		return uri(server.getLocalAddress());
	}

	private static String uri(InetSocketAddress address) {
		return "mongodb://127.0.0.1:" + address.getPort() + "/therapy_web";
	}

}
