package org.therapygroups.gateway.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.therapygroups.gateway.support.StubBackend;
import org.therapygroups.gateway.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The gateway as the web app's backend-for-frontend: who is sent to sign in, who gets a
 * problem instead, which page each role may open, and what a browser request must carry.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WebAppTest {

	static final TestTokens tokens = TestTokens.generate();

	static final StubBackend backend = StubBackend.start(tokens.jwks());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		backend.register(registry);
		registry.add("therapy.web.public-url", () -> "http://app.test:8080");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	private WebTestClient as(String role) {
		return WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.mutateWith(mockOidcLogin().idToken((token) -> token.claim("given_name", "Dana"))
				.authorities(new SimpleGrantedAuthority("ROLE_" + role)));
	}

	@Test
	void aPageSendsAStrangerToSignInButTheApiAnswersAProblem() {
		this.client.get()
			.uri("/patient")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/oauth2/authorization/keycloak");
		this.client.get()
			.uri("/api/sessions/me/schedule")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void signingInUsesTheCodeFlowWithPkceOfTheConfidentialClient() {
		URI keycloak = this.client.get()
			.uri("/oauth2/authorization/keycloak")
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		assertThat(keycloak.toString()).startsWith(TestTokens.ISSUER + "/protocol/openid-connect/auth?")
			.contains("response_type=code")
			.contains("client_id=therapy-web")
			.contains("code_challenge_method=S256")
			.contains("code_challenge=")
			.contains("redirect_uri=");
	}

	@Test
	void theInvitationPageIsPublicAndItsPolicyAllowsNoInlineScript() {
		String csp = this.client.get()
			.uri("/invite")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Set up your account")
				.contains("<script type=\"module\" src=\"/assets/js/invite.js\">")
				.doesNotContain("onclick")
				.doesNotContain("style=\""))
			.returnResult()
			.getResponseHeaders()
			.getFirst("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self'")
			.contains("style-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
	}

	@Test
	void eachRoleOpensOnlyItsOwnPages() {
		as("patient").get().uri("/").exchange().expectStatus().is3xxRedirection().expectHeader().location("/patient");
		as("director").get().uri("/").exchange().expectStatus().is3xxRedirection().expectHeader().location("/director");
		as("patient").get()
			.uri("/patient/groups")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Aftercare groups you can join")
				.contains("Dana")
				.contains("name=\"csrf-token\""));
		as("patient").get()
			.uri("/director")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("This page is not for your account")
				.contains("program directors")
				.contains("signed in as")
				.contains("href=\"/patient\""));
		as("therapist").get().uri("/patient").exchange().expectStatus().isForbidden();
		as("director").get().uri("/therapist").exchange().expectStatus().isForbidden();
		as("therapist").get().uri("/therapist").exchange().expectStatus().isOk();
	}

	@Test
	void theWorkspacePagesAreForTherapistsAndCarryNoClinicalTextInTheirTitles() {
		String id = "5b0c3c52-0d55-4d1e-8a55-0a5f5f0a7e11";
		// a session's id is its group's and its original start: 5b0c…_20261201T170000Z
		String session = id + "_20261201T170000Z";
		Map<String, String> pages = Map.of("/therapist/sessions/" + session, "data-session-id=\"" + session + "\"",
				"/therapist/notes/" + id, "data-note-id=\"" + id + "\"", "/therapist/patients/" + id,
				"data-patient-id=\"" + id + "\"", "/therapist/groups/" + id, "data-group-id=\"" + id + "\"");
		pages.forEach((path, data) -> {
			as("therapist").get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(path)
					.contains(data)
					.containsPattern("<title>(Session|Session note|Patient timeline|Group) · Group therapy</title>"));
			as("patient").get().uri(path).exchange().expectStatus().isForbidden();
			as("director").get().uri(path).exchange().expectStatus().isForbidden();
		});
		as("therapist").get().uri("/therapist/notes/not.an.id").exchange().expectStatus().isNotFound();
	}

	@Test
	void theConsolesAdministrationPagesAreForDirectorsOnly() {
		Map<String, String> pages = Map.of("/director/accounts", "Invite a patient", "/director/documentation",
				"Overdue notes by facilitator", "/director/audit", "Verify the chain", "/director/keys",
				"Rotate the key");
		pages.forEach((path, text) -> {
			as("director").get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(path).contains(text).contains("aria-current=\"page\""));
			as("patient").get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(path).contains("This page is not for your account"));
			as("therapist").get().uri(path).exchange().expectStatus().isForbidden();
		});
	}

	@Test
	void aGroupsPagesCarryItsIdOnlyAsDataForTheirScriptAndOnlyForDirectors() {
		String group = "5b0c3c52-0d55-4d1e-8a55-0a5f5f0a7e11";
		for (String path : new String[] { "/director/groups", "/director/groups/new", "/director/groups/" + group,
				"/director/groups/" + group + "/edit" }) {
			as("director").get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(path)
					.contains("aria-current=\"page\">Groups</a>")
					.doesNotContain("<script>"));
			as("patient").get().uri(path).exchange().expectStatus().isForbidden();
			as("therapist").get().uri(path).exchange().expectStatus().isForbidden();
		}
		as("director").get()
			.uri("/director/groups/" + group)
			.exchange()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("data-group-id=\"" + group + "\""));
		as("director").get()
			.uri("/director/groups/" + group + "/edit")
			.exchange()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Save changes").doesNotContain("id=\"frequency\""));
		as("director").get()
			.uri("/director/groups/new")
			.exchange()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Create group")
				.contains("id=\"frequency\"")
				.contains("id=\"preview\""));
		for (String drill : new String[] { "/director/dashboard/groups/" + group,
				"/director/dashboard/sessions/" + group,
				"/director/dashboard/groups/" + group + "/members/" + group }) {
			as("director").get()
				.uri(drill)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).as(drill).contains("aria-label=\"Breadcrumb\""));
			as("patient").get().uri(drill).exchange().expectStatus().isForbidden();
		}
		// no id of ours: not a page, and nothing reaches a service
		as("director").get().uri("/director/groups/not.an.id").exchange().expectStatus().isNotFound();
	}

	@Test
	void aChangeRidingOnTheSessionCookieNeedsThePagesCsrfToken() throws InterruptedException {
		backend.clear();
		as("patient").post()
			.uri("/api/sessions/me/calendar-feed")
			.cookie(SessionCookie.NAME, "from-the-browser")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("Reload the page"));
		assertThat(backend.next(300)).as("nothing reached the service").isNull();
		as("patient").mutateWith(csrf())
			.post()
			.uri("/api/sessions/me/calendar-feed")
			.cookie(SessionCookie.NAME, "from-the-browser")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aSignedInBrowserHasThePersonsRateLimitToo() {
		WebTestClient busy = browserOf("busy-browser");
		// the default: 100 at once per person, 20 more per second
		int passed = 0;
		EntityExchangeResult<byte[]> answer = busy.get().uri("/api/nowhere").exchange().expectBody().returnResult();
		while (passed < 400 && answer.getStatus().value() == 404) {
			passed++;
			answer = busy.get().uri("/api/nowhere").exchange().expectBody().returnResult();
		}
		assertThat(passed).isBetween(100, 399);
		assertThat(answer.getStatus().value()).isEqualTo(429);
		assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		// the limit is the person's, not the address's
		browserOf("calm-browser").get().uri("/api/nowhere").exchange().expectStatus().isNotFound();
	}

	private WebTestClient browserOf(String subject) {
		return WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.configureClient()
			.build()
			.mutateWith(mockOidcLogin().idToken((token) -> token.subject(subject))
				.authorities(new SimpleGrantedAuthority("ROLE_patient")));
	}

	@Test
	void liveUpdatesOpenOnlyFromTheAppsOwnOrigin() {
		this.client.get()
			.uri("/ws/dashboard")
			.header(HttpHeaders.ORIGIN, "https://elsewhere.test")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aPersonWhoOpensAMissingPageGetsAPageAndTheApiAProblem() {
		as("patient").get()
			.uri("/no-such-page")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Page not found")
				.contains("href=\"/\"")
				.doesNotContain("Exception"));
		as("patient").get()
			.uri("/api/no-such-thing")
			.accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void assetsAndLibrariesAreServedWithoutAnyBuild() {
		this.client.get()
			.uri("/assets/app.css")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
		this.client.get().uri("/assets/js/api.js").exchange().expectStatus().isOk();
		this.client.get().uri("/webjars/chart.js/dist/chart.umd.min.js").exchange().expectStatus().isOk();
	}

}
