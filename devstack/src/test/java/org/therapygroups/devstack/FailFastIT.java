package org.therapygroups.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./run} fails fast, says what to read, and leaves no process behind: a taken
 * port, a component that does not come up in time, and a JDK that is too old.
 */
class FailFastIT {

	private static final int OFFSET = 4000;

	private static final Path ROOT = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();

	@TempDir
	Path data;

	/**
	 * Keycloak is pointed at an address where nothing answers, so it is not started here.
	 */
	private StackConfig config(Duration timeout) {
		return new StackConfig(ROOT, this.data, OFFSET, Optional.empty(), Optional.empty(),
				Optional.of("http://127.0.0.1:9"), timeout, false);
	}

	@Test
	void aTakenPortStopsTheStartBeforeAnythingRuns() throws IOException {
		StackConfig config = config(Duration.ofSeconds(60));
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", config.gatewayPort()));
			assertThatThrownBy(() -> LocalStack.start(config, System.out)).isInstanceOf(StackException.class)
				.hasMessageContaining("port " + config.gatewayPort())
				.hasMessageContaining("gateway");
		}
		assertThat(this.data.resolve("run")).isEmptyDirectory();
	}

	@Test
	void aComponentThatIsNotHealthyInTimeStopsEverythingAndNamesItsLog() throws IOException {
		StackConfig config = config(Duration.ofSeconds(1));
		assertThatThrownBy(() -> LocalStack.start(config, System.out)).isInstanceOf(StackException.class)
			.hasMessageContaining("did not become healthy within 1 s")
			.hasMessageMatching("(?s).*Read .*logs/[a-z-]+\\.log.*");
		// every process it had started is gone, and so are their pid files
		assertThat(this.data.resolve("run")).isEmptyDirectory();
		List<Long> leftovers = new ArrayList<>();
		ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach((p) -> leftovers.add(p.pid()));
		assertThat(leftovers).isEmpty();
	}

	@Test
	void aJdkBelow21IsRefusedWithAClearMessage() throws IOException, InterruptedException {
		Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
		// a PATH with the shell tools the script uses but no java, and no JDK folder to
		// search
		Path bin = Files.createDirectories(this.data.resolve("bin"));
		for (String tool : List.of("bash", "awk", "sed", "sort", "ls", "readlink", "dirname")) {
			Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
		}
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/bash", "-c",
				"source scripts/java-home.sh && echo picked $JAVA_HOME")
			.directory(ROOT.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("THERAPY_JVM_DIR", Files.createDirectories(this.data.resolve("jvm")).toString());
		env.put("PATH", bin.toString());
		if (Files.isDirectory(jdk17)) {
			env.put("JAVA_HOME", jdk17.toString());
		}
		else {
			env.remove("JAVA_HOME");
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		// JAVA_HOME names a JDK 17 where one exists: it must be passed over, and with no
		// 21+
		// anywhere the script refuses
		assertThat(output).as(output).contains("No JDK 21 or newer found");
		assertThat(process.exitValue()).isEqualTo(1);
	}

}
