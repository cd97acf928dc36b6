package org.therapygroups.devstack.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.Probes;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient on a phone, from the invitation link to checking in, in real Chromium through
 * the gateway; and what the browser is never given.
 */
@ExtendWith(RunningStack.class)
class PatientPortalIT {

	static final String PASSWORD = "Portal-member-2026";

	static Browser browser;

	@BeforeAll
	static void launch() {
		browser = Browser.launch();
	}

	@AfterAll
	static void close() {
		browser.close();
	}

	@Test
	void aPatientAcceptsTheInvitationJoinsAGroupAndChecksInOnAPhone() throws Exception {
		String programId = Clinic.program("Aftercare");
		String groupName = "Tuesday aftercare " + programId.substring(0, 4);
		JsonNode group = Clinic.groupStartingSoon(programId, groupName, 4);
		Clinic.Invitation invitation = Clinic.invite("Nora");

		try (Browser.Person nora = browser.person(Browser.PHONE)) {
			Page page = nora.open("/invite#" + invitation.code());
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Set up your account")))
				.isVisible();
			nora.check("patient-01-invitation");
			page.getByLabel("New password").fill(PASSWORD);
			page.getByLabel("Repeat the password").fill(PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
			assertThat(page.locator("#done")).containsText(invitation.username());
			assertThat(page).hasURL(Browser.app("/invite"));
			nora.check("patient-02-invitation-accepted");

			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in")).click();
			page.locator("#username").fill(invitation.username());
			page.locator("#password").fill(PASSWORD);
			page.locator("#kc-login").click();
			page.waitForURL(Browser.app("/patient"));
			assertThat(page.locator("#next")).containsText("No sessions planned");
			nora.check("patient-03-empty-schedule");

			nora.navigate("Find a group");
			Locator card = page.locator("#open li").filter(new Locator.FilterOptions().setHasText(groupName));
			assertThat(card).containsText("Every day at");
			assertThat(card).containsText("4 of 4 free");
			nora.check("patient-04-groups");
			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join this group")).click();
			nora.expectAnnounced("You joined " + groupName);
			assertThat(page.locator("#mine")).containsText(groupName);
			nora.check("patient-05-joined");

			nora.navigate("My schedule");
			assertThat(page.locator("#next")).containsText(groupName);
			assertThat(page.locator("#next")).containsText("Room 2.14");
			assertThat(page.locator("#next").getByRole(AriaRole.LINK)).hasAttribute("href",
					Pattern.compile("https://video\\.example\\.test/.*"));
			nora.check("patient-06-schedule");
			page.locator("#next")
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I'm here: check in"))
				.click();
			nora.expectAnnounced("Checked in to " + groupName);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Week")).click();
			assertThat(page.locator("#week-days")).containsText(groupName);
			nora.check("patient-07-week");

			// the staff see the self check-in of the first session
			String firstSession = firstSession(group.get("id").asText());
			JsonNode attendance = Http
				.json(Clinic.get("/api/sessions/sessions/" + firstSession + "/attendance", Clinic.director()));
			assertThat(attendance.toString()).contains(invitation.userId()).contains("SELF_CHECK_IN");

			nora.navigate("Calendar link");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make my calendar link")).click();
			String feed = page.getByLabel("Your calendar link").inputValue();
			HttpResponse<String> calendar = Http.get(feed, null);
			assertThat(calendar.statusCode()).isEqualTo(200);
			assertThat(calendar.body()).contains("BEGIN:VCALENDAR").contains(groupName);
			nora.check("patient-08-calendar-link");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn the link off")).click();
			nora.expectAnnounced("turned off");
			assertThat(Http.get(feed, null).statusCode()).isEqualTo(404);

			nora.navigate("My progress notes");
			assertThat(page.locator("#entries")).containsText("No signed progress notes yet");
			nora.check("patient-09-progress");

			nora.navigate("Profile");
			page.getByLabel("Name shown to your group and therapists").fill("Nora B.");
			page.getByLabel("By text message").check();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
			nora.expectAnnounced("Your profile is saved");
			nora.check("patient-10-profile");

			// a director's page says plainly that it is not for her
			Page denied = nora.open("/director");
			assertThat(denied.getByRole(AriaRole.HEADING,
					new Page.GetByRoleOptions().setName("This page is not for your account")))
				.isVisible();
			assertThat(denied.locator("main")).containsText("signed in as patient");
			nora.check("patient-11-director-page-refused");

			// the browser holds a session cookie and never a token
			Cookie session = nora.context()
				.cookies()
				.stream()
				.filter((c) -> c.name.equals("THERAPY_SESSION"))
				.findFirst()
				.orElseThrow();
			assertThat(session.httpOnly).isTrue();
			assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
			assertThat(nora.context().cookies(Browser.app("/patient"))).noneMatch((c) -> c.value.startsWith("eyJ"));
			assertThat(page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
				.isEqualTo("{}{}");

			nora.open("/patient");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
			page.waitForURL(Browser.app("/signed-out"));
			nora.check("patient-12-signed-out");
			// signed out at Keycloak too: the app asks for the password again
			nora.open("/patient");
			assertThat(page.locator("#username")).isVisible();
		}
	}

	@Test
	void theSessionSurvivesARestartOfTheGateway() throws Exception {
		try (Browser.Person director = browser.person(Browser.DESKTOP)) {
			director.signIn("director1", Tokens.DEMO_PASSWORD);
			director.page().waitForURL(Browser.app("/director"));
			ProcessHandle gateway = RunningStack.stack().process("gateway").orElseThrow();
			gateway.destroyForcibly();
			gateway.onExit().join();
			Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
			while (!Probes.httpOk(RunningStack.config().gatewayUrl() + "/actuator/health/readiness")) {
				assertThat(Instant.now()).as("gateway back").isBefore(deadline);
				Thread.sleep(500);
			}
			director.open("/director");
			assertThat(director.page()).hasURL(Browser.app("/director"));
			assertThat(director.page().locator(".who")).containsText("Program director");
		}
	}

	@Test
	void aChangeWithoutThePagesTokenIsRefused() {
		try (Browser.Person patient = browser.person(Browser.DESKTOP)) {
			signInAsNewPatient(patient, "Otto");
			// a forged request rides on the cookie but cannot know the page's CSRF token
			Object status = patient.page()
				.evaluate("() => fetch('/api/sessions/me/calendar-feed', {method: 'POST'}).then(r => r.status)");
			assertThat(status).isEqualTo(403);
			Object allowed = patient.page()
				.evaluate("() => fetch('/api/sessions/me/calendar-feed').then(r => r.status)");
			assertThat(allowed).isEqualTo(200);
		}
	}

	@Test
	void everyErrorAPageMeetsIsAPlainSentence() throws Exception {
		String programId = Clinic.program("Errors");
		JsonNode group = Clinic.groupStartingSoon(programId, "Errors group " + programId.substring(0, 4), 4);
		try (Browser.Person patient = browser.person(Browser.PHONE)) {
			signInAsNewPatient(patient, "Pia");
			Page page = patient.page();
			// a field the service refuses is named, next to what is wrong with it
			patient.navigate("Profile");
			page.getByLabel("Name shown to your group and therapists").fill("");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
			assertThat(page.locator("#alert")).isVisible();
			assertThat(page.locator("#alert")).containsText("Name shown to your group and therapists: ");
			assertThat(page.getByLabel("Name shown to your group and therapists")).hasAttribute("aria-invalid", "true");
			assertThat(page.locator("#alert")).isFocused();
			patient.check("errors-01-invalid-field");

			String join = "/api/sessions/groups/" + group.get("id").asText() + "/memberships";
			assertThat(apiError(page, join, "POST")).isEqualTo("ok");
			assertThat(apiError(page, join, "POST")).contains("Reload to see the latest version");
			assertThat(apiError(page, "/api/sessions/programs", "GET")).contains("ask your program director");
			assertThat(apiError(page, "/api/sessions/sessions/no-such-session", "GET"))
				.contains("Reload the page to see what is there now");
			// too many requests in a short time: the gateway's limit per person answers,
			// and the page says how long to wait
			Object limited = page.evaluate("""
					async () => {
					  const { api } = await import('/assets/js/api.js');
					  for (let round = 0; round < 25; round++) {
					    const answers = await Promise.allSettled(
					      Array.from({ length: 40 }, () => api('/api/sessions/me/calendar-feed')));
					    const refused = answers.find((a) => a.status === 'rejected' && a.reason.status === 429);
					    if (refused) return refused.reason.status + ' ' + refused.reason.message;
					  }
					  return 'never limited';
					}""");
			assertThat((String) limited).startsWith("429 Too many requests").contains("Wait").contains("seconds");
			// the session ended (here: the cookie is gone)
			patient.context().clearCookies();
			assertThat(apiError(page, "/api/sessions/me/calendar-feed", "GET"))
				.contains("Your session has ended. Reload the page to sign in again");
		}
	}

	/** What {@code api.js} says about the answer to a request, or "ok". */
	private static String apiError(Page page, String path, String method) {
		return (String) page.evaluate("""
				async ([path, method]) => {
				  const { api } = await import('/assets/js/api.js');
				  try { await api(path, { method, body: method === 'GET' ? undefined : {} }); return 'ok'; }
				  catch (error) { return error.message; }
				}""", java.util.List.of(path, method));
	}

	private static void signInAsNewPatient(Browser.Person person, String firstName) {
		Clinic.Invitation invitation = Clinic.invite(firstName);
		HttpResponse<String> accepted = Clinic.post("/api/auth/public/invitations/accept", null,
				java.util.Map.of("code", invitation.code(), "password", PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		person.signIn(invitation.username(), PASSWORD);
		person.page().waitForURL(Browser.app("/patient"));
	}

	private static String firstSession(String groupId) {
		JsonNode sessions = Http.json(Clinic.get("/api/sessions/groups/" + groupId + "/sessions?from="
				+ Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(7)),
				Clinic.director()));
		return sessions.get(0).get("id").asText();
	}

}
