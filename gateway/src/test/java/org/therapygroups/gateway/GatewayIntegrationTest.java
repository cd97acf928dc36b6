package org.therapygroups.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapygroups.gateway.support.StubBackend;
import org.therapygroups.gateway.support.TestDatabase;
import org.therapygroups.gateway.support.StubBackend.Recorded;
import org.therapygroups.gateway.support.TestTokens;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The gateway over real HTTP, in front of a stub that plays the services and Keycloak's
 * JWKS endpoint; tokens are signed with a test key the stub publishes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayIntegrationTest {

	static final TestTokens tokens = TestTokens.generate();

	static final StubBackend backend = StubBackend.start(tokens.jwks());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", TestDatabase::uri);
		registry.add("AUTH_SERVICE_URL", backend::url);
		registry.add("SESSIONS_SERVICE_URL", backend::url);
		registry.add("NOTES_SERVICE_URL", () -> "http://127.0.0.1:" + StubBackend.closedPort());
		registry.add("therapy.security.jwk-set-uri", backend::jwksUrl);
		registry.add("therapy.security.issuer-uri", () -> TestTokens.ISSUER);
		registry.add("therapy.gateway.max-body-size", () -> "1KB");
		registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "3s");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@BeforeEach
	void setUp() {
		this.client = this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		backend.clear();
	}

	@Test
	void healthIsPublicAndReadinessIncludesKeycloak() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.keycloak.status")
			.isEqualTo("UP")
			.jsonPath("$.components.readinessState.status")
			.isEqualTo("UP");
	}

	@Test
	void protectedPathWithoutTokenIsUnauthorizedProblem() {
		ResponseSpec response = this.client.get().uri("/api/sessions/me").exchange();
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		expectProblem(response, 401).jsonPath("$.instance")
			.isEqualTo("/api/sessions/me")
			.jsonPath("$.title")
			.isEqualTo("Unauthorized");
	}

	@Test
	void tokenForAnotherAudienceIsUnauthorized() throws InterruptedException {
		String token = tokens.token((claims) -> claims.audience("another-api"));
		ResponseSpec response = this.client.get()
			.uri("/api/sessions/me")
			.headers((h) -> h.setBearerAuth(token))
			.exchange();
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		expectProblem(response, 401);
		assertThat(nextAtBackend()).isNull();
	}

	@Test
	void aScriptsBearerCallIsStatelessItGetsNoSessionCookie() throws InterruptedException {
		String token = tokens.token();
		this.client.post()
			.uri("/api/sessions/groups")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
		assertThat(nextAtBackend().header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
	}

	@Test
	void aMalformedBearerTokenIsUnauthorizedAndNotForwarded() throws InterruptedException {
		ResponseSpec response = this.client.get()
			.uri("/api/sessions/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not a token")
			.exchange();
		response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		expectProblem(response, 401);
		assertThat(nextAtBackend()).isNull();
	}

	@Test
	void unknownPathIsNotFoundProblem() {
		WebTestClient mockServer = WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.configureClient()
			.build();
		expectProblem(mockServer.mutateWith(mockJwt()).get().uri("/api/nowhere/at-all").exchange(), 404);
		expectProblem(mockServer.mutateWith(mockJwt()).get().uri("/no-such-page").exchange(), 404);
	}

	@Test
	void wellFormedJsonAndTheTokenReachTheServiceUnchanged() throws InterruptedException {
		String token = tokens.token();
		byte[] json = "{ \"name\" : \"Grüße\",\n \"n\":[1, 2.50e3 ,true,null] }\n".getBytes(StandardCharsets.UTF_8);
		this.client.post()
			.uri("/api/sessions/groups?draft=true")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isOk();
		Recorded request = nextAtBackend();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/sessions/groups");
		assertThat(request.body()).isEqualTo(json);
		assertThat(request.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
	}

	@Test
	void theServiceLearnsTheClientAddressFromTheGatewayAloneNotFromTheClient() throws Exception {
		this.client.get()
			.uri("/api/auth/public/ping")
			.header("X-Forwarded-For", "203.0.113.9, 198.51.100.1")
			.header("Forwarded", "for=203.0.113.9")
			.header("X-Real-IP", "203.0.113.9")
			.exchange()
			.expectStatus()
			.isOk();
		Recorded request = nextAtBackend();
		// no proxy is trusted here: the client is the connection's address, whatever it
		// claims
		assertThat(request.headers().get("X-Forwarded-For")).singleElement()
			.satisfies((address) -> assertThat(java.net.InetAddress.getByName(address).isLoopbackAddress()).isTrue());
		assertThat(request.header("Forwarded")).isNull();
		assertThat(request.header("X-Real-IP")).isNull();
	}

	@Test
	void chunkedJsonIsCheckedAndForwarded() throws InterruptedException {
		byte[] json = "{\"text\":\"a long note\"}".getBytes(StandardCharsets.UTF_8);
		this.client.post()
			.uri("/api/auth/me")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body(chunks(json, 5), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(nextAtBackend().body()).isEqualTo(json);
	}

	@Test
	void malformedJsonIsBadRequestAndNotForwarded() throws InterruptedException {
		expectProblem(this.client.post()
			.uri("/api/sessions/groups")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"unterminated}")
			.exchange(), 400).jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).startsWith("The request body is not well-formed JSON"));
		assertThat(nextAtBackend(500)).isNull();
	}

	@Test
	void bodyOverTheLimitIsRejectedByContentLength() throws InterruptedException {
		byte[] big = ("[\"" + "x".repeat(2000) + "\"]").getBytes(StandardCharsets.UTF_8);
		expectProblem(this.client.post()
			.uri("/api/sessions/groups")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(big)
			.exchange(), 413);
		assertThat(nextAtBackend(500)).isNull();
	}

	@Test
	void chunkedBodiesOverTheLimitAreRejected() {
		byte[] big = new byte[4096];
		Arrays.fill(big, (byte) 'a');
		expectProblem(this.client.post()
			.uri("/api/sessions/attachments")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks(big, 512), DataBuffer.class)
			.exchange(), 413);
		expectProblem(this.client.post()
			.uri("/api/sessions/groups")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(big, 512), DataBuffer.class)
			.exchange(), 413);
	}

	@Test
	void securityHeadersReplaceWhatServicesSend() {
		this.client.get()
			.uri("/api/sessions/me")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.valueEquals("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'")
			.expectHeader()
			.valueEquals("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		this.client.get()
			.uri("/api/sessions/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
	}

	@Test
	void calendarFeedsAreNeverStoredWhateverTheServiceSays() {
		this.client.get()
			.uri("/api/sessions/public/calendar/0123456789abcdefghijklmnopqrstuvwxyzABCDEFG.ics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	@Test
	void unreachableServiceIsServiceUnavailableProblem() {
		expectProblem(this.client.get()
			.uri("/api/notes/session/42")
			.headers((h) -> h.setBearerAuth(tokens.token()))
			.exchange(), 503);
	}

	@Test
	void slowServiceIsGatewayTimeoutProblem() {
		expectProblem(
				this.client.get().uri("/api/sessions/slow").headers((h) -> h.setBearerAuth(tokens.token())).exchange(),
				504);
	}

	@Test
	void publicServicePathsNeedNoToken() throws InterruptedException {
		this.client.get().uri("/api/sessions/public/invitations/abc").exchange().expectStatus().isOk();
		assertThat(nextAtBackend().header(HttpHeaders.AUTHORIZATION)).isNull();
	}

	@Test
	void apiDocsAreRewrittenToEachService() throws InterruptedException {
		this.client.get().uri("/v3/api-docs/sessions").exchange().expectStatus().isOk();
		assertThat(nextAtBackend().path()).isEqualTo("/v3/api-docs");
		this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value((List<String> urls) -> assertThat(urls).containsExactlyInAnyOrder("/v3/api-docs/auth",
					"/v3/api-docs/sessions", "/v3/api-docs/notes"));
	}

	/** Checks the RFC 9457 shape and returns the body for further checks. */
	private static BodyContentSpec expectProblem(ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.detail")
			.isNotEmpty()
			.jsonPath("$.instance")
			.isNotEmpty();
	}

	private static Flux<DataBuffer> chunks(byte[] bytes, int size) {
		List<DataBuffer> chunks = new ArrayList<>();
		for (int from = 0; from < bytes.length; from += size) {
			chunks.add(DefaultDataBufferFactory.sharedInstance
				.wrap(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size))));
		}
		return Flux.fromIterable(chunks);
	}

	private static Recorded nextAtBackend() throws InterruptedException {
		return nextAtBackend(5000);
	}

	private static Recorded nextAtBackend(long millis) throws InterruptedException {
		return backend.next(millis);
	}

}
