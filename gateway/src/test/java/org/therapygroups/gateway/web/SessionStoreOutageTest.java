package org.therapygroups.gateway.web;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.therapygroups.gateway.support.StubBackend;
import org.therapygroups.gateway.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database of browser sessions is away: a browser is told plainly to try again
 * shortly, and scripts with a bearer token, which never touch it, go on working.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SessionStoreOutageTest {

	static final TestTokens tokens = TestTokens.generate();

	static final StubBackend backend = StubBackend.start(tokens.jwks());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		backend.register(registry);
		// registered last, so it wins over the working database
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + StubBackend.closedPort()
				+ "/therapy_web?serverSelectionTimeoutMS=500&connectTimeoutMS=300");
	}

	@Autowired
	WebTestClient client;

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@Test
	void aBrowserIsToldToTryAgainAndScriptsGoOn() {
		WebTestClient client = this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		client.get()
			.uri("/patient")
			.accept(MediaType.TEXT_HTML)
			.cookie(SessionCookie.NAME, "a-session-of-yesterday")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Not available right now").contains("Try again in a minute"));
		client.get()
			.uri("/api/sessions/me/schedule")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token())
			.exchange()
			.expectStatus()
			.isOk();
	}

}
