package org.therapygroups.devstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack starts the four services from the bean definitions their build worked
 * out (Spring's ahead-of-time processing); every end-to-end test then runs against them.
 */
@ExtendWith(RunningStack.class)
class BuildTimeBeanDefinitionsIT {

	@Test
	void theServicesStartFromTheBeanDefinitionsTheirBuildMade() throws Exception {
		for (String service : List.of("auth-service", "sessions-service", "notes-service", "gateway")) {
			assertThat(Files.readString(RunningStack.config().logFile(service), StandardCharsets.UTF_8)).as(service)
				.contains("Starting AOT-processed");
		}
	}

}
