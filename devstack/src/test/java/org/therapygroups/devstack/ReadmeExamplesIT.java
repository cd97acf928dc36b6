package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's worked examples, run as written: every block marked
 * {@code bash readme-example}, in order, in one shell against the test stack. A request
 * whose body or path no longer matches the API fails {@code curl -f}, and so this test.
 */
@ExtendWith(RunningStack.class)
class ReadmeExamplesIT {

	private static final Pattern EXAMPLE = Pattern.compile("```bash readme-example\\n(.*?)```", Pattern.DOTALL);

	@Test
	void theReadmesWorkedExamplesRunAsWritten() throws Exception {
		Path readme = Path.of(System.getProperty("therapy.root", "..")).resolve("README.md");
		List<String> blocks = examples(readme);
		assertThat(blocks).as("worked examples in the README").hasSizeGreaterThanOrEqualTo(6);
		String script = "set -euo pipefail\n" + String.join("\n", blocks);
		ProcessBuilder shell = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
		shell.environment().put("GATEWAY", RunningStack.config().gatewayUrl());
		shell.environment().put("KEYCLOAK", RunningStack.config().keycloakUrl());
		Process process = shell.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the examples finish").isTrue();
		System.out.println(output);
		assertThat(process.exitValue()).as("exit status of the examples; output:%n%s", output).isZero();
		assertThat(output).contains("\"status\": \"ACTIVE\"")
			.contains("\"status\": \"PRESENT\"")
			.contains("\"COMPLETED\"")
			.contains("\"status\": \"SIGNED\"");
	}

	private static List<String> examples(Path readme) throws IOException {
		Matcher matcher = EXAMPLE.matcher(Files.readString(readme));
		List<String> blocks = new ArrayList<>();
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

}
