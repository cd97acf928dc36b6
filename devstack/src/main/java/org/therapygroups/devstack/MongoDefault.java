package org.therapygroups.devstack;

import java.util.List;

/** Runs {@link MongoServerMain} in its own JVM with its own log. */
final class MongoDefault extends Component {

	MongoDefault(StackConfig config) {
		super("mongo", config);
	}

	@Override
	List<Integer> ports() {
		return List.of(this.config.mongoPort());
	}

	@Override
	List<String> command() {
		return List.of(this.config.javaBinary().toString(), "-Xms32m", "-Xmx256m", "-XX:MinHeapFreeRatio=10",
				"-XX:MaxHeapFreeRatio=30", "-XX:+UseSerialGC", "-cp",
				this.config.devstackJar() + ":" + this.config.libDir() + "/*", MongoServerMain.class.getName(),
				Integer.toString(this.config.mongoPort()),
				this.config.dataDir().resolve("mongo/therapy.mv.db").toString());
	}

	@Override
	boolean healthy() {
		return Probes.tcpOpen(this.config.mongoPort());
	}

	@Override
	String address() {
		return this.config.mongoUri();
	}

}
