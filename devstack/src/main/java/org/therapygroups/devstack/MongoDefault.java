package org.therapygroups.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link MongoServerMain} in its own JVM with its own log. */
final class MongoDefault extends JvmComponent {

	MongoDefault(StackConfig config) {
		super("mongo", config);
	}

	@Override
	List<Integer> ports() {
		return List.of(this.config.mongoPort());
	}

	@Override
	List<String> command(List<String> cacheOptions) {
		List<String> command = new ArrayList<>(List.of(this.config.javaBinary().toString(), "-Xms32m", "-Xmx256m"));
		command.addAll(HEAP_AS_NEEDED);
		command.add("-XX:+UseSerialGC");
		command.addAll(cacheOptions);
		command.addAll(List.of("-cp", this.config.devstackJar() + ":" + this.config.libDir() + "/*",
				MongoServerMain.class.getName(), Integer.toString(this.config.mongoPort()),
				this.config.dataDir().resolve("mongo/therapy.mv.db").toString()));
		return command;
	}

	@Override
	List<Path> cacheInputs() {
		return List.of(this.config.devstackJar(), this.config.libDir());
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
