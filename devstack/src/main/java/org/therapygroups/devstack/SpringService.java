package org.therapygroups.devstack;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One of the four Spring Boot services, started from its jar. */
final class SpringService extends Component {

	private final int port;

	private final Map<String, String> extraEnvironment;

	SpringService(String module, int port, StackConfig config, Map<String, String> extraEnvironment) {
		super(module, config);
		this.port = port;
		this.extraEnvironment = extraEnvironment;
	}

	@Override
	List<Integer> ports() {
		return List.of(this.port);
	}

	@Override
	void prepare() throws java.io.IOException {
		if (!Files.exists(this.config.serviceJar(name()))) {
			throw new java.io.IOException(
					"missing " + this.config.serviceJar(name()) + ": build first (./run builds what is missing)");
		}
	}

	@Override
	List<String> command() {
		List<String> command = new ArrayList<>(List.of(this.config.javaBinary().toString(), "-Xms64m", "-Xmx256m",
				"-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m"));
		command.addAll(List.of("-jar", this.config.serviceJar(name()).toString()));
		return command;
	}

	@Override
	Map<String, String> environment() {
		Map<String, String> env = new HashMap<>();
		env.put("SERVER_PORT", Integer.toString(this.port));
		env.put("KEYCLOAK_URL", this.config.keycloakUrl());
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.config.kafkaBootstrap());
		env.put("MONGODB_URI", this.config.mongoUri());
		if (this.config.jsonLogs()) {
			env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		}
		env.putAll(this.extraEnvironment);
		return env;
	}

	@Override
	boolean healthy() {
		return Probes.httpOk(address() + "/actuator/health/readiness");
	}

	@Override
	String address() {
		return "http://127.0.0.1:" + this.port;
	}

}
