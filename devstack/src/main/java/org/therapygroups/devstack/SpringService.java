package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/** One of the four Spring Boot services, started from its jar. */
final class SpringService extends JvmComponent {

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

	private Path extracted() {
		return this.config.dataDir().resolve("app").resolve(name());
	}

	/**
	 * Start-up time matters on two cores: the jar is extracted once per build so the JVM
	 * can keep an ahead-of-time cache of it.
	 */
	@Override
	void prepareFiles() throws IOException, InterruptedException {
		Path jar = this.config.serviceJar(name());
		if (!Files.exists(jar)) {
			throw new IOException("missing " + jar + ": build first (./run builds what is missing)");
		}
		Path launcher = extracted().resolve(name() + ".jar");
		if (Files.exists(launcher) && !Files.getLastModifiedTime(jar)
			.toInstant()
			.isAfter(Files.getLastModifiedTime(launcher).toInstant())) {
			return;
		}
		deleteTree(extracted());
		discardAheadOfTimeCache();
		Files.createDirectories(extracted().getParent());
		Process extract = new ProcessBuilder(this.config.javaBinary().toString(), "-Djarmode=tools", "-jar",
				jar.toString(), "extract", "--destination", extracted().toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
			.start();
		if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
			throw new IOException("extracting " + jar + " failed");
		}
	}

	private static void deleteTree(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	/**
	 * C1 only: on two cores the four services and Keycloak start together, and skipping
	 * the optimising compiler frees a third of the start-up CPU. A throughput benchmark
	 * sets {@code SERVICE_JVM_OPTS} to other flags. A small young generation and heap
	 * that grows only as far as needed keep each service near 200 MiB resident: a
	 * developer runs the whole stack on a laptop beside an IDE and a browser. The code
	 * cache is cleaned up only once much new code piled up: the serial collector does
	 * each clean-up as a full pause (200-245 ms measured in docs/benchmarks.md).
	 */
	private static final String DEFAULT_JVM_OPTS = "-Xms32m -Xmx256m -Xmn12m " + String.join(" ", HEAP_AS_NEEDED)
			+ " -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:SweeperThreshold=50 -XX:TieredStopAtLevel=1";

	/**
	 * The ahead-of-time cache takes about a third off each service's start on two cores,
	 * where the class-data-sharing archive used before saved less.
	 */
	@Override
	List<String> command(List<String> cacheOptions) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.config.javaBinary().toString());
		String options = System.getenv("SERVICE_JVM_OPTS");
		if (options == null) {
			options = DEFAULT_JVM_OPTS + (beanDefinitionsBuilt() ? " -Dspring.aot.enabled=true" : "");
		}
		command.addAll(List.of(options.strip().split("\\s+")));
		command.addAll(cacheOptions);
		command.addAll(List.of("-jar", extracted().resolve(name() + ".jar").toString()));
		return command;
	}

	/**
	 * Whether the build worked out the service's bean definitions ahead of time (Spring's
	 * {@code process-aot}): the context then starts from generated code instead of
	 * reading configuration classes and evaluating conditions. Only the quick start of
	 * the local stack uses them; a throughput benchmark's {@code SERVICE_JVM_OPTS} runs
	 * the service as deployed.
	 */
	private boolean beanDefinitionsBuilt() throws IOException {
		try (JarFile jar = new JarFile(extracted().resolve(name() + ".jar").toFile())) {
			String main = jar.getManifest().getMainAttributes().getValue("Start-Class");
			if (main == null) {
				main = jar.getManifest().getMainAttributes().getValue("Main-Class");
			}
			return main != null
					&& jar.getEntry(main.replace('.', '/') + "__ApplicationContextInitializer.class") != null;
		}
	}

	@Override
	List<Path> cacheInputs() {
		return List.of(extracted());
	}

	@Override
	Map<String, String> environment(List<String> cacheOptions) {
		Map<String, String> env = new HashMap<>();
		env.put("SERVER_PORT", Integer.toString(this.port));
		env.put("KEYCLOAK_URL", this.config.keycloakUrl());
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.config.kafkaBootstrap());
		env.put("MONGODB_URI", this.config.mongoUri());
		// links handed to users (calendar feeds, invitations) point at the gateway
		env.put("PUBLIC_BASE_URL", this.config.gatewayUrl());
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
