package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file cannot run here (no Docker engine), but it must validate as written.
 */
class ComposeFileIT {

	@Test
	void composeFileValidates() throws IOException, InterruptedException {
		Path root = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();
		Process process = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
			.directory(root.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
