package org.therapygroups.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The MongoDB-compatible default: mongo-java-server speaking the wire protocol over an H2
 * file, so the services use the real MongoDB driver and their data survives restarts. A
 * write is on the disk before it is acknowledged ({@link CommitBeforeReply}), so it also
 * survives a crash of this process.
 */
public final class MongoServerMain {

	private MongoServerMain() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path file = Path.of(args[1]);
		Files.createDirectories(file.getParent());
		CommitBeforeReply backend = CommitBeforeReply.open(file.toString());
		MongoServer server = new MongoServer(backend);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// shutting the server down closes the H2 store cleanly, so no write is lost
			server.shutdownNow();
			stopped.countDown();
		}, "mongo-shutdown"));
		server.bind("127.0.0.1", port);
		System.out.println("mongo-java-server listening on 127.0.0.1:" + port + " with data in " + file);
		stopped.await();
	}

}
