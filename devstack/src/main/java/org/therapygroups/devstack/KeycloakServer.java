package org.therapygroups.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server from the Maven Central distribution, in development mode on
 * 127.0.0.1 with the realm file of the repository imported on first start.
 */
final class KeycloakServer extends JvmComponent {

	KeycloakServer(StackConfig config) {
		super("keycloak", config);
	}

	private Path home() {
		return this.config.dataDir().resolve("keycloak/server");
	}

	@Override
	List<Integer> ports() {
		return List.of(this.config.keycloakPort());
	}

	@Override
	void prepareFiles() throws IOException {
		if (!Files.exists(home().resolve("bin/kc.sh"))) {
			unpack();
		}
		// the class-data-sharing archive of earlier versions, which the ahead-of-time
		// cache replaces
		Files.deleteIfExists(this.config.dataDir().resolve("keycloak/keycloak.jsa"));
		// Keycloak imports a realm only when it does not exist yet, so data survives
		// restarts.
		Path imports = Files.createDirectories(home().resolve("data/import"));
		Files.copy(this.config.realmFile(), imports.resolve("therapy-realm.json"), StandardCopyOption.REPLACE_EXISTING);
	}

	private void unpack() throws IOException {
		Path target = Files.createDirectories(home());
		try (InputStream raw = Files.newInputStream(this.config.keycloakZip());
				ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				// the archive has one top folder (keycloak-<version>/): drop it
				String name = entry.getName();
				int slash = name.indexOf('/');
				if (slash < 0 || slash == name.length() - 1) {
					continue;
				}
				Path path = target.resolve(name.substring(slash + 1)).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("unexpected path in the Keycloak archive: " + name);
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(zip, path, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	@Override
	List<String> command(List<String> cacheOptions) {
		return List.of("/bin/bash", home().resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
				"--http-port=" + this.config.keycloakPort(), "--import-realm", "--hostname-strict=false");
	}

	/**
	 * kc.sh's own defaults, but with the serial collector and the quick compiler alone,
	 * as the services run: the start-up of a local stack on two cores is Keycloak's, and
	 * G1's and the optimising compiler's threads competed with it for the cores.
	 */
	private static final String JAVA_OPTS = "-Xms64m -Xmx320m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
			+ " -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8"
			+ " -Dsun.err.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -XX:+ExitOnOutOfMemoryError"
			+ " -Djava.security.egd=file:/dev/urandom -Djdk.tls.rejectClientInitiatedRenegotiation=true";

	/**
	 * The start script takes JVM options from the environment. Quarkus loads Keycloak's
	 * classes with its own class loader from jars; the cache holds them too, and the JVM
	 * uses a cached class only where the bytes Quarkus hands it are the same.
	 */
	@Override
	Map<String, String> environment(List<String> cacheOptions) {
		return Map.of("JAVA_HOME", this.config.javaHome().toString(), "JAVA_OPTS", JAVA_OPTS,
				// lets Quarkus reset thread locals on JDK 24+, which it otherwise reports
				// on shutdown
				"JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED " + String.join(" ", cacheOptions),
				"KC_BOOTSTRAP_ADMIN_USERNAME", StackConfig.KEYCLOAK_ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD",
				StackConfig.KEYCLOAK_ADMIN_PASSWORD, "AUTH_SERVICE_CLIENT_SECRET",
				StackConfig.AUTH_SERVICE_CLIENT_SECRET, "THERAPY_CLI_ENABLED", "true", "THERAPY_DEMO_USERS_ENABLED",
				"true", "THERAPY_PUBLIC_URL", this.config.gatewayUrl(), "THERAPY_WEB_CLIENT_SECRET",
				StackConfig.WEB_CLIENT_SECRET);
	}

	/**
	 * Its jars, and the ones Keycloak's build step writes when its build options change.
	 */
	@Override
	List<Path> cacheInputs() {
		return List.of(home().resolve("lib"));
	}

	@Override
	boolean healthy() {
		return Probes.httpOk(this.config.issuer() + "/.well-known/openid-configuration");
	}

	@Override
	String address() {
		return this.config.keycloakUrl() + " (realm " + StackConfig.REALM + ", admin console: "
				+ StackConfig.KEYCLOAK_ADMIN + " / " + StackConfig.KEYCLOAK_ADMIN_PASSWORD + ")";
	}

}
