package org.therapygroups.gateway.security;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenConverterTest {

	private final BearerTokenConverter ours = new BearerTokenConverter();

	private final ServerBearerTokenAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

	@Test
	void readsTheTokenOrRefusesAMalformedOneExactlyAsSpringSecuritysConverter() {
		List<String> headers = List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_~+/bmF0dXJl", "bearer abc",
				"BEARER abc==", "Bearer abc=", "Bearer =", "Bearer ", "Bearer", "Bearerabc", "Bearer  abc",
				"Bearer abc ", "Bearer a=b", "Bearer a b", "Bearer ab\u00e9", "Basic dXNlcjpwYXNz", "bearer",
				"Token abc", "Bearer abc\n", "Bearer abc==x");
		for (String header : headers) {
			assertThat(outcome(this.ours, header)).as(header).isEqualTo(outcome(this.springs, header));
		}
		assertThat(outcome(this.ours, "Bearer abc==")).isEqualTo("token abc==");
		assertThat(outcome(this.ours, "Bearer a b")).isEqualTo("error Bearer token is malformed");
		assertThat(outcome(this.ours, "Basic dXNlcjpwYXNz")).isEqualTo("none");
	}

	@Test
	void agreesOnRandomHeaders() {
		String alphabet = "Bbearer BEARER abcXYZ019-._~+/= \t\u00e9!";
		Random random = new Random(11);
		for (int i = 0; i < 5_000; i++) {
			StringBuilder header = new StringBuilder((random.nextBoolean()) ? "Bearer " : "");
			for (int j = random.nextInt(16); j > 0; j--) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String value = header.toString().strip();
			assertThat(outcome(this.ours, value)).as(value).isEqualTo(outcome(this.springs, value));
		}
	}

	@Test
	void aRequestWithoutAuthorizationHasNoToken() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/sessions/me"));
		assertThat(this.ours.convert(exchange).blockOptional()).isEmpty();
	}

	private static String outcome(
			org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
			String header) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/sessions/me").header(HttpHeaders.AUTHORIZATION, header));
		return converter.convert(exchange)
			.map((authentication) -> "token " + ((BearerTokenAuthenticationToken) authentication).getToken())
			.switchIfEmpty(Mono.just("none"))
			.onErrorResume((ex) -> Mono.just("error " + ex.getMessage()))
			.block();
	}

}
