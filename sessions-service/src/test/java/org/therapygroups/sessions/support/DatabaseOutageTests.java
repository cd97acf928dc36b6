package org.therapygroups.sessions.support;

import java.time.Duration;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import org.therapygroups.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * The database stops under a running service (its own real wire-protocol server, not the
 * shared one): every request gets a fast 503 problem with Retry-After, nothing is stored
 * half-way, and the service works again once the database is back, without a restart.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(ServiceTestConfig.class)
@ContextConfiguration(initializers = DatabaseOutageTests.OwnDatabase.class)
class DatabaseOutageTests {

	// the database's file, kept across the restart
	private static final String FILE = tempFile();

	private static MongoServer database = new MongoServer(new H2Backend(FILE));

	private static final int PORT = database.bind().getPort();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@AfterAll
	static void stop() throws java.io.IOException {
		database.shutdownNow();
		java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(FILE));
	}

	private static String tempFile() {
		try {
			java.nio.file.Path file = java.nio.file.Files.createTempFile("sessions-outage", ".mv");
			java.nio.file.Files.delete(file);
			return file.toString();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void aStoppedDatabaseIsAFast503AndTheServiceRecoversWhenItReturns() throws Exception {
		Fixtures fixtures = new Fixtures(this.mongo, new Api(this.mvc));
		Caller director = fixtures.director();
		fixtures.program(director);
		assertThat(list(director).getResponse().getStatus()).isEqualTo(200);

		database.shutdownNow();
		for (int i = 0; i < 3; i++) {
			long started = System.nanoTime();
			MvcResult read = list(director);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(read.getResponse().getStatus()).isEqualTo(503);
			assertThat(read.getResponse().getContentType()).startsWith("application/problem+json");
			assertThat(read.getResponse().getHeader("Retry-After")).isEqualTo("5");
			// the driver's default would be 30 s; a loaded machine gets some slack
			assertThat(took).isLessThan(Duration.ofSeconds(5));
		}
		MvcResult write = call(MockMvcRequestBuilders.post("/api/sessions/programs")
			.contentType("application/json")
			.content("{\"name\":\"During the outage\",\"timeZone\":\"Europe/Berlin\"}"), director);
		assertThat(write.getResponse().getStatus()).isEqualTo(503);

		database = new MongoServer(new H2Backend(FILE));
		database.bind("127.0.0.1", PORT);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = 0;
		while (status != 200 && System.nanoTime() < deadline) {
			status = list(director).getResponse().getStatus();
			if (status != 200) {
				Thread.sleep(200);
			}
		}
		assertThat(status).as("answers again once the database is back").isEqualTo(200);
		assertThat(this.mongo.getCollection("programs").countDocuments())
			.as("the program from before is kept, nothing stored by the refused write")
			.isEqualTo(1);
		MvcResult created = call(MockMvcRequestBuilders.post("/api/sessions/programs")
			.contentType("application/json")
			.content("{\"name\":\"After the outage\",\"timeZone\":\"Europe/Berlin\"}"), director);
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
	}

	private MvcResult list(Caller caller) throws Exception {
		return call(MockMvcRequestBuilders.get("/api/sessions/programs"), caller);
	}

	private MvcResult call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			Caller caller) throws Exception {
		return this.mvc.perform(request.with(jwt().jwt((token) -> token.subject(caller.id()))
			.authorities(
					new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + caller.role()))))
			.andReturn();
	}

	/** Points the service at this test's own database server. */
	static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("spring.mongodb.uri=mongodb://127.0.0.1:" + PORT).applyTo(context);
		}

	}

}
