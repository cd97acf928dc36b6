package org.therapygroups.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first run of a JVM of the stack records its start, the cache is assembled from that
 * once it stopped, and the next start maps it: on the command line (the database) and
 * through a start script's environment (Keycloak).
 */
class StartUpCacheIT {

	private static final Path ROOT = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();

	@TempDir
	Path data;

	private StackConfig config() throws Exception {
		StackConfig config = new StackConfig(ROOT, this.data, 3100, Optional.empty(), Optional.empty(),
				Optional.empty(), Duration.ofSeconds(120), false);
		config.createDirectories();
		return config;
	}

	@Test
	void theDatabaseMapsTheCacheItsFirstRunRecorded() throws Exception {
		StackConfig config = config();
		recordAssembleAndMap(() -> new MongoDefault(config), "mongo");
	}

	@Test
	void keycloakMapsTheCacheItsFirstRunRecorded() throws Exception {
		StackConfig config = config();
		recordAssembleAndMap(() -> new KeycloakServer(config), "keycloak");
	}

	private void recordAssembleAndMap(Supplier<JvmComponent> component, String name) throws Exception {
		Path cache = this.data.resolve("app").resolve(name + ".aot");
		Path recording = this.data.resolve("app").resolve(name + ".aotconf");

		JvmComponent first = component.get();
		startHealthy(first);
		first.stop(Duration.ofSeconds(20));
		assertThat(recording).as("the first run's recording").exists();
		assertThat(cache).doesNotExist();

		Process assembly = first.assembleAheadOfTimeCache().orElseThrow();
		assertThat(assembly.waitFor(3, TimeUnit.MINUTES)).as("assembled in time").isTrue();
		assertThat(assembly.exitValue()).as("assembly's exit code").isZero();
		first.aheadOfTimeCacheAssembled();
		assertThat(cache).exists();
		assertThat(recording).doesNotExist();
		assertThat(first.assembleAheadOfTimeCache()).as("once").isEmpty();

		JvmComponent second = component.get();
		startHealthy(second);
		try {
			ProcessHandle launched = second.handle().orElseThrow();
			boolean mapped = Stream.concat(Stream.of(launched), launched.descendants())
				.anyMatch((process) -> maps(process, cache));
			assertThat(mapped).as("%s's JVM maps %s", name, cache).isTrue();
		}
		finally {
			second.stop(Duration.ofSeconds(20));
		}
		assertThat(recording).as("a run with the cache records nothing").doesNotExist();
	}

	private static boolean maps(ProcessHandle process, Path cache) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")).contains(cache.toString());
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static void startHealthy(Component component) throws Exception {
		component.prepare();
		component.start();
		Instant deadline = Instant.now().plusSeconds(180);
		while (!component.healthy()) {
			if (!component.alive() || Instant.now().isAfter(deadline)) {
				component.stop(Duration.ofSeconds(5));
				throw new AssertionError(component.name() + " did not become healthy: " + component.logTail(30));
			}
			Thread.sleep(250);
		}
	}

}
