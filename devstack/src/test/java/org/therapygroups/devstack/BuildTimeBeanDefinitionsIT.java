package org.therapygroups.devstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack starts the three services whose build works out their bean definitions
 * from those (Spring's ahead-of-time processing), and the gateway, whose build does not,
 * as before; every end-to-end test then runs against them.
 */
@ExtendWith(RunningStack.class)
class BuildTimeBeanDefinitionsIT {

	@Test
	void theServicesStartFromTheBeanDefinitionsTheirBuildMade() throws Exception {
		for (String service : List.of("auth-service", "sessions-service", "notes-service")) {
			assertThat(Files.readString(RunningStack.config().logFile(service), StandardCharsets.UTF_8)).as(service)
				.contains("Starting AOT-processed");
		}
		assertThat(Files.readString(RunningStack.config().logFile("gateway"), StandardCharsets.UTF_8))
			.contains("Starting GatewayApplication")
			.doesNotContain("AOT-processed");
	}

}
