package org.therapygroups.notes.errors;

import java.time.Duration;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import org.therapygroups.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * The database stops under the running service (its own real wire-protocol server): a
 * fast 503 problem with Retry-After, and answers again once it is back, without a
 * restart. sessions-service's test of the same mechanism also checks nothing is stored
 * half-way.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(
		topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS, "sessions.events.dlt", Topics.NOTES },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DatabaseOutageTests {

	private static MongoServer database = new MongoServer(new MemoryBackend());

	private static final int PORT = database.bind().getPort();

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + PORT);
	}

	@AfterAll
	static void stop() {
		database.shutdownNow();
	}

	@Test
	void aStoppedDatabaseIsAFast503AndTheServiceRecoversWhenItReturns() throws Exception {
		assertThat(mine().getResponse().getStatus()).isEqualTo(200);
		database.shutdownNow();
		long started = System.nanoTime();
		MvcResult refused = mine();
		assertThat(refused.getResponse().getStatus()).isEqualTo(503);
		assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
		// the driver's default would be 30 s; a loaded machine gets some slack
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

		database = new MongoServer(new MemoryBackend());
		database.bind("127.0.0.1", PORT);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = 0;
		while (status != 200 && System.nanoTime() < deadline) {
			status = mine().getResponse().getStatus();
			if (status != 200) {
				Thread.sleep(200);
			}
		}
		assertThat(status).as("answers again once the database is back").isEqualTo(200);
	}

	private MvcResult mine() throws Exception {
		return this.mvc
			.perform(MockMvcRequestBuilders.get("/api/notes/mine")
				.with(jwt().jwt((token) -> token.subject("patient-outage"))
					.authorities(new SimpleGrantedAuthority("ROLE_patient"))))
			.andReturn();
	}

}
