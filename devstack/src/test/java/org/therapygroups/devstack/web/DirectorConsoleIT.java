package org.therapygroups.devstack.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A director at a desk: the dashboard of a program before and after a session, its CSV,
 * and the at-risk list with an alert resolved, in real Chromium through the gateway.
 */
@ExtendWith(RunningStack.class)
class DirectorConsoleIT {

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
	void aDirectorWatchesAttendanceExportsItAndResolvesAnAlert() throws Exception {
		String programId = Clinic.program("Dashboard");
		String groupName = "Evening CBT " + programId.substring(0, 4);
		// a missed session counts once it has begun: this one begins in a minute or two
		JsonNode group = Clinic.groupStartingIn(programId, groupName, 6, 2);
		String groupId = group.get("id").asText();
		Clinic.Invitation invitation = Clinic.invite("Rosa");
		HttpResponse<String> accepted = Clinic.post("/api/auth/public/invitations/accept", null,
				Map.of("code", invitation.code(), "password", "Dashboard-member-2026"));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(Clinic
			.post("/api/sessions/groups/" + groupId + "/memberships", Clinic.director(),
					Map.of("patientId", invitation.userId()))
			.statusCode()).isEqualTo(201);
		// one missed session is enough to flag someone in this program
		HttpResponse<String> rules = Http.send("PUT",
				RunningStack.config().gatewayUrl() + "/api/sessions/programs/" + programId + "/alert-rules",
				Clinic.director(), "application/json", Http.toJson(
						Map.of("consecutiveMissed", 1, "minAttendancePercent", 0, "windowWeeks", 4, "silentDays", 0)));
		assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);

		try (Browser.Person director = browser.person(Browser.DESKTOP)) {
			Page page = director.signIn("director1", Tokens.DEMO_PASSWORD);
			page.waitForURL(Browser.app("/director"));
			page.locator("#program").selectOption(programId);
			assertThat(page.locator("#groups-table")).containsText(groupName);
			assertThat(noShows(page)).hasText("0");
			assertThat(page.locator("#live")).hasText("Live",
					new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
			director.check("director-01-dashboard");

			// the session happens: started, the member did not come, completed
			JsonNode first = firstSession(groupId);
			String session = first.get("id").asText();
			Instant begins = Instant.parse(first.get("startsAt").asText());
			while (Instant.now().isBefore(begins.plusSeconds(2))) {
				Thread.sleep(1000);
			}
			assertThat(Clinic.post("/api/sessions/sessions/" + session + "/start", Clinic.director(), Map.of())
				.statusCode()).isEqualTo(200);
			HttpResponse<String> missed = Http.send("PUT",
					RunningStack.config().gatewayUrl() + "/api/sessions/sessions/" + session + "/attendance/"
							+ invitation.userId(),
					Clinic.director(), "application/json", Http.toJson(Map.of("status", "NO_SHOW")));
			assertThat(missed.statusCode()).as(missed.body()).isEqualTo(200);
			assertThat(Clinic.post("/api/sessions/sessions/" + session + "/complete", Clinic.director(), Map.of())
				.statusCode()).isEqualTo(200);

			// nobody touches the page: the figures arrive over the live connection
			assertThat(noShows(page)).hasText("1",
					new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
			director.expectAnnounced("with the latest attendance");
			assertThat(noShows(page)).hasText("1");
			assertThat(page.locator("#over-time-table")).isVisible();
			director.check("director-02-dashboard-after-a-session");

			String csv = (String) page
				.evaluate("() => fetch(document.getElementById('export').href).then((r) => r.text())");
			assertThat(csv.lines().findFirst().orElseThrow()).contains("group");
			assertThat(csv).contains(groupName);

			// drill-down: program → group → session → member
			page.locator("#groups-table")
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(groupName))
				.click();
			assertThat(page.locator("#title")).hasText(groupName);
			assertThat(page.locator("#drill-facts")).containsText("No-shows");
			page.locator("#rows tbody a").first().click();
			assertThat(page.locator("#rows")).containsText("no show");
			director.check("director-02b-drill-down-to-a-session");
			page.locator("#rows tbody a").first().click();
			assertThat(page.locator("#drill-facts dt:text-is('Missed') + dd")).hasText("1");
			director.check("director-02c-drill-down-to-a-member");
			page.navigate(Browser.app("/director"));

			director.navigate("At risk");
			page.locator("#program").selectOption(programId);
			Locator card = page.locator("#alerts li").filter(new Locator.FilterOptions().setHasText("Missed sessions"));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (card.count() == 0 && Instant.now().isBefore(deadline)) {
				page.waitForTimeout(1000);
				page.reload();
				page.locator("#program").selectOption(programId);
				page.waitForTimeout(500);
			}
			assertThat(card).hasCount(1);
			director.check("director-03-at-risk");
			card.getByLabel("Outcome").selectOption("REACHED");
			card.getByLabel("Short note (no clinical detail)").fill("Called; coming next week");
			card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resolve")).click();
			director.expectAnnounced("is resolved");
			assertThat(page.locator("#alerts")).containsText("Nobody is flagged");
			director.check("director-04-alert-resolved");
		}
	}

	private static Locator noShows(Page page) {
		return page.locator("#totals-facts dt:text-is('No-shows') + dd");
	}

	private static JsonNode firstSession(String groupId) {
		JsonNode sessions = Http.json(Clinic.get("/api/sessions/groups/" + groupId + "/sessions?from="
				+ Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(7)),
				Clinic.director()));
		return sessions.get(0);
	}

}
