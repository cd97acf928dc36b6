package org.therapygroups.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack keeps its data and which ports it uses. A port offset lets the
 * end-to-end tests run a second stack beside a developer's {@code ./run}.
 *
 * @param root the repository root (holds the service jars and the realm file)
 * @param dataDir data and logs of every component; kept across restarts
 * @param portOffset added to every default port
 * @param externalMongoUri an existing MongoDB to use instead of starting the default
 * @param externalKafka an existing Kafka bootstrap address to use instead of starting one
 * @param externalKeycloak an existing Keycloak base URL to use instead of starting one
 * @param startTimeout how long one component may take to become healthy
 * @param jsonLogs whether the services write structured JSON logs
 */
public record StackConfig(Path root, Path dataDir, int portOffset, Optional<String> externalMongoUri,
		Optional<String> externalKafka, Optional<String> externalKeycloak, Duration startTimeout, boolean jsonLogs) {

	public static final String REALM = "therapy";

	/**
	 * Local-only admin of Keycloak's master realm, used by nothing but the local stack.
	 */
	public static final String KEYCLOAK_ADMIN = "admin";

	public static final String KEYCLOAK_ADMIN_PASSWORD = "local-admin-pass-1";

	/** Local default; compose reads it from the env file. */
	public static final String AUTH_SERVICE_CLIENT_SECRET = "local-dev-auth-service-secret";

	/** Local default of the web app's client, shared by Keycloak and the gateway. */
	public static final String WEB_CLIENT_SECRET = "local-dev-web-secret";

	public static StackConfig fromEnvironment(Path root, Path dataDir, int portOffset) {
		Map<String, String> env = System.getenv();
		return new StackConfig(root, dataDir, portOffset, nonBlank(env.get("MONGODB_URI")),
				nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")), nonBlank(env.get("KEYCLOAK_URL")),
				Duration.ofSeconds(Long.parseLong(env.getOrDefault("STACK_START_TIMEOUT_SECONDS", "240"))),
				"json".equalsIgnoreCase(env.get("LOG_FORMAT")));
	}

	private static Optional<String> nonBlank(String value) {
		return Optional.ofNullable(value).map(String::strip).filter((v) -> !v.isEmpty());
	}

	public int gatewayPort() {
		return 8080 + this.portOffset;
	}

	public int authPort() {
		return 8081 + this.portOffset;
	}

	public int sessionsPort() {
		return 8082 + this.portOffset;
	}

	public int notesPort() {
		return 8083 + this.portOffset;
	}

	public int keycloakPort() {
		return 8180 + this.portOffset;
	}

	public int kafkaPort() {
		return 9092 + this.portOffset;
	}

	public int kafkaControllerPort() {
		return 9093 + this.portOffset;
	}

	public int mongoPort() {
		return 27017 + this.portOffset;
	}

	public String gatewayUrl() {
		return "http://127.0.0.1:" + gatewayPort();
	}

	public String keycloakUrl() {
		return this.externalKeycloak.orElse("http://127.0.0.1:" + keycloakPort());
	}

	public String issuer() {
		return keycloakUrl() + "/realms/" + REALM;
	}

	public String kafkaBootstrap() {
		return this.externalKafka.orElse("127.0.0.1:" + kafkaPort());
	}

	public String mongoUri() {
		return this.externalMongoUri.orElse("mongodb://127.0.0.1:" + mongoPort());
	}

	public Path logs() {
		return this.dataDir.resolve("logs");
	}

	public Path logFile(String component) {
		return logs().resolve(component + ".log");
	}

	public Path pidDir() {
		return this.dataDir.resolve("run");
	}

	public Path libDir() {
		return this.root.resolve("devstack/target/lib");
	}

	public Path devstackJar() {
		return this.root.resolve("devstack/target/devstack.jar");
	}

	public Path serviceJar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + ".jar");
	}

	public Path keycloakZip() {
		return this.root.resolve("devstack/target/keycloak/keycloak.zip");
	}

	public Path realmFile() {
		return this.root.resolve("keycloak/therapy-realm.json");
	}

	/** The java binary running this launcher: the scripts already picked a JDK 21+. */
	public Path javaHome() {
		return Path.of(System.getProperty("java.home"));
	}

	public Path javaBinary() {
		return javaHome().resolve("bin/java");
	}

	void createDirectories() throws java.io.IOException {
		Files.createDirectories(logs());
		Files.createDirectories(pidDir());
	}

}
