package org.therapygroups.devstack;

import java.util.ArrayList;
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
		List<String> command = new ArrayList<>(List.of(this.config.javaBinary().toString(), "-Xms32m", "-Xmx256m"));
		command.addAll(HEAP_AS_NEEDED);
		command.addAll(List.of("-XX:+UseSerialGC", "-cp", this.config.devstackJar() + ":" + this.config.libDir() + "/*",
				MongoServerMain.class.getName(), Integer.toString(this.config.mongoPort()),
				this.config.dataDir().resolve("mongo/therapy.mv.db").toString()));
		return command;
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
