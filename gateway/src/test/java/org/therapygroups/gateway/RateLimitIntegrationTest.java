package org.therapygroups.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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
class RateLimitIntegrationTest {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", TestDatabase::uri);
	}

	@LocalServerPort
	int port;

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
		// The test client connects from loopback, which this test trusts as a
		// proxy. A new connection per request: in two full runs of the gateway's
		// tests the 429, asked for on the pooled connection that had carried the
		// three answers before it, was waited for in vain for 30 s.
		WebTestClient fresh = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		return fresh.get().uri("/actuator/health/liveness").header("X-Forwarded-For", address).exchange();
	}

}
