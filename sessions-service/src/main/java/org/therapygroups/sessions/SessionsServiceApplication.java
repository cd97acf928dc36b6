package org.therapygroups.sessions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SessionsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SessionsServiceApplication.class, args);
	}

}
