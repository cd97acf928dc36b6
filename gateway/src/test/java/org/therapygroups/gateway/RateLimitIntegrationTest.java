package org.therapygroups.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.therapygroups.gateway.support.TestDatabase;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/** Tiny limits that barely refill, so the third or fourth request is refused. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"therapy.gateway.rate-limit.per-user.capacity=2", "therapy.gateway.rate-limit.per-user.refill-per-second=0.01",
		"therapy.gateway.rate-limit.per-ip.capacity=3", "therapy.gateway.rate-limit.per-ip.refill-per-second=0.01",
		"therapy.gateway.rate-limit.trusted-proxies=127.0.0.1,::1" })
@AutoConfigureWebTestClient(timeout = "30s")
class RateLimitIntegrationTest {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", TestDatabase::uri);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void userOverTheLimitGetsTooManyRequests() {
		WebTestClient mockServer = WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.configureClient()
			.build()
			.mutateWith(mockJwt().jwt((jwt) -> jwt.subject("busy-user")));
		mockServer.get().uri("/api/nowhere").exchange().expectStatus().isNotFound();
		mockServer.get().uri("/api/nowhere").exchange().expectStatus().isNotFound();
		mockServer.get()
			.uri("/api/nowhere")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "100")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429);
	}

	@Test
	void clientAddressOverTheLimitGetsTooManyRequests() {
		for (int i = 0; i < 3; i++) {
			fromAddress("203.0.113.7").expectStatus().isOk();
		}
		fromAddress("203.0.113.7").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		fromAddress("203.0.113.8").expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec fromAddress(String address) {
		// The test client connects from loopback, which this test trusts as a proxy.
		return this.client.get().uri("/actuator/health/liveness").header("X-Forwarded-For", address).exchange();
	}

}
