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
import java.util.Optional;

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

	private Path extracted() {
		return this.config.dataDir().resolve("app").resolve(name());
	}

	/** The JVM's ahead-of-time cache of this service: classes loaded and linked. */
	private Path aheadOfTimeCache() {
		return this.config.dataDir().resolve("app").resolve(name() + ".aot");
	}

	/** What the first run after a build recorded, from which the cache is assembled. */
	private Path aheadOfTimeConfiguration() {
		return this.config.dataDir().resolve("app").resolve(name() + ".aotconf");
	}

	/**
	 * Start-up time matters on two cores: the jar is extracted once per build so the JVM
	 * can keep a class-data-sharing archive of it, written on the first clean stop and
	 * used by every later start.
	 */
	@Override
	void prepare() throws IOException, InterruptedException {
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
		Files.deleteIfExists(aheadOfTimeCache());
		Files.deleteIfExists(aheadOfTimeConfiguration());
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
	 * The first start after a build records which classes the service loads and links
	 * (JEP 483); once it has stopped, {@link #assembleAheadOfTimeCache()} turns that into
	 * a cache that every later start maps instead of loading, verifying and linking those
	 * classes again: about a third off each service's start on two cores, where the
	 * class-data-sharing archive used before saved less. A cache that no longer fits (a
	 * different JDK or jar) is ignored by the JVM, which then starts as without one.
	 */
	@Override
	List<String> command() {
		List<String> command = jvm();
		if (Files.exists(aheadOfTimeCache())) {
			command.add("-XX:AOTCache=" + aheadOfTimeCache());
		}
		else {
			command.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + aheadOfTimeConfiguration()));
		}
		command.addAll(quietJar());
		return command;
	}

	/** The service's jar, with the JVM's notes on its caches kept out of the log. */
	private List<String> quietJar() {
		return List.of("-Xlog:aot=off", "-Xlog:cds=off", "-jar", extracted().resolve(name() + ".jar").toString());
	}

	private List<String> jvm() {
		List<String> command = new ArrayList<>();
		command.add(this.config.javaBinary().toString());
		String options = System.getenv().getOrDefault("SERVICE_JVM_OPTS", DEFAULT_JVM_OPTS);
		command.addAll(List.of(options.strip().split("\\s+")));
		return command;
	}

	/**
	 * Starts assembling the ahead-of-time cache from what the run that just stopped
	 * recorded, if there is such a recording and no cache yet (once per build).
	 * @return the assembling process, or empty if there is nothing to do
	 */
	Optional<Process> assembleAheadOfTimeCache() throws IOException {
		if (alive() || !Files.exists(aheadOfTimeConfiguration()) || Files.exists(aheadOfTimeCache())) {
			return Optional.empty();
		}
		List<String> command = jvm();
		command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + aheadOfTimeConfiguration(),
				"-XX:AOTCache=" + aheadOfTimeCache()));
		command.addAll(quietJar());
		return Optional.of(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
			.start());
	}

	/** Drops a recording (and a half-written cache) whose assembly failed. */
	void discardAheadOfTimeCache() throws IOException {
		Files.deleteIfExists(aheadOfTimeCache());
		Files.deleteIfExists(aheadOfTimeConfiguration());
	}

	/** Done with the recording once the cache exists. */
	void aheadOfTimeCacheAssembled() throws IOException {
		Files.deleteIfExists(aheadOfTimeConfiguration());
	}

	@Override
	Map<String, String> environment() {
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
