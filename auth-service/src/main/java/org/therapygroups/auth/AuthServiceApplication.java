package org.therapygroups.auth;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class AuthServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthServiceApplication.class, args);
	}

	/**
	 * The one source of the current time, in UTC; tests may replace it. Declared here so
	 * that slice tests have it as well.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
