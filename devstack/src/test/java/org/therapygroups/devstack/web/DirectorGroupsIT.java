package org.therapygroups.devstack.web;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
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
 * A director sets up a program and a group in real Chromium through the gateway: the
 * recurrence editor shows the sessions before saving, the roster fills and overflows onto
 * the waitlist, more seats promote the next in line, and the group ends.
 */
@ExtendWith(RunningStack.class)
class DirectorGroupsIT {

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
	void aDirectorCreatesAGroupWithItsScheduleFillsItAndEndsIt() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String lead = Clinic.therapist("Greta");
		String coFacilitator = Clinic.therapist("Hugo");
		String ines = member("Ines");
		String jon = member("Jon");
		// a Tuesday a few weeks ahead, and the sessions of that week on Tuesday and
		// Thursday
		LocalDate tuesday = LocalDate.now(ZoneOffset.UTC).plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));

		try (Browser.Person director = browser.person(Browser.DESKTOP)) {
			Page page = director.signIn("director1", Tokens.DEMO_PASSWORD);
			director.navigate("Groups");
			page.locator("#name").fill("Aftercare West " + suffix);
			page.locator("#timeZone").selectOption("Europe/Berlin");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create program")).click();
			director.expectAnnounced("The program is created");
			assertThat(page.locator("#groups")).containsText("no group yet");
			director.check("director-05-programs-and-groups");

			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New group")).click();
			page.waitForURL(Pattern.compile(".*/director/groups/new\\?program=.*"));
			assertThat(page.locator("#program option:checked")).hasText("Aftercare West " + suffix);
			String groupName = "Relapse prevention " + suffix;
			page.locator("#name").fill(groupName);
			page.locator("#modality").selectOption("CBT");
			page.locator("#aftercare").check();
			page.locator("#minSize").fill("1");
			page.locator("#maxSize").fill("1");
			page.locator("#sessionMinutes").fill("60");
			page.locator("#lead").selectOption(lead);
			page.locator("input[name=co][value='" + coFacilitator + "']").check();
			page.locator("#room").fill("Room " + suffix);

			page.locator("#start").fill(tuesday.toString());
			page.locator("#start").dispatchEvent("change");
			page.locator("#day-TH").check();
			page.locator("#ends").selectOption("count");
			page.locator("#count").fill("6");
			page.locator("#count").dispatchEvent("change");
			assertThat(page.locator("#rrule")).hasText("FREQ=WEEKLY;BYDAY=TU,TH");
			Locator preview = page.locator("#preview-list li");
			assertThat(preview).hasCount(6);
			assertThat(preview.first()).containsText(String.valueOf(tuesday.getDayOfMonth()));
			assertThat(preview.first()).containsText("18:00");
			assertThat(preview.nth(1)).containsText(String.valueOf(tuesday.plusDays(2).getDayOfMonth()));
			// the first session must be one of the days: the editor says so before saving
			page.locator("#day-TU").uncheck();
			assertThat(page.locator("#preview")).containsText("must itself be an occurrence");
			page.locator("#day-TU").check();
			assertThat(preview).hasCount(6);
			director.check("director-06-new-group-with-its-next-sessions");

			createGroup(page);
			page.waitForURL(Pattern.compile(".*/director/groups/[0-9a-f-]{36}\\?saved=created"));
			director.expectAnnounced("The group is created");
			assertThat(page.locator("#group-name")).hasText(groupName);
			assertThat(page.locator("#group-facts")).containsText("Tuesdays and Thursdays at 18:00");
			assertThat(page.locator("#group-facts")).containsText("0 of 1 taken");
			assertThat(page.locator("#roster")).containsText("Nobody is in this group yet");

			add(page, ines);
			director.expectAnnounced(ines + " is now a member");
			add(page, jon);
			director.expectAnnounced(jon + " is on the waitlist, position 1");
			assertThat(page.locator("#roster tbody")).containsText(ines);
			assertThat(page.locator("#waitlist tbody tr")).hasCount(1);
			assertThat(page.locator("#waitlist tbody")).containsText(jon);
			director.check("director-07-group-roster-and-waitlist");

			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change settings")).click();
			page.waitForURL(Pattern.compile(".*/edit"));
			assertThat(page.locator("#recurrence-fixed")).containsText("Tuesdays and Thursdays at 18:00");
			assertThat(page.locator("#name")).hasValue(groupName);
			page.locator("#maxSize").fill("2");
			director.check("director-08-change-a-group");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
			page.waitForURL(Pattern.compile(".*\\?saved=changed"));
			director.expectAnnounced("Your changes are saved");
			// the new seat goes to the first in line
			assertThat(page.locator("#roster tbody tr")).hasCount(2);
			assertThat(page.locator("#waitlist")).containsText("Nobody is waiting");
			assertThat(page.locator("#history tbody")).containsText("waitlisted");

			page.getByLabel("Reason (no clinical detail)").fill("Program moved to another site");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End the group…")).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, end it")).click();
			director.expectAnnounced("The group has ended");
			assertThat(page.locator("#group-facts")).containsText("Ended (finished)");
			assertThat(page.locator("#end-section")).isHidden();
			page.setViewportSize(Browser.PHONE[0], Browser.PHONE[1]);
			director.check("director-09-ended-group-on-a-phone");

			// the scheduling service is down: the page says so in a sentence and what to
			// do
			page.route("**/api/sessions/groups",
					(route) -> route.fulfill(new Route.FulfillOptions().setStatus(503)
						.setContentType("application/problem+json")
						.setBody("{\"title\":\"Service Unavailable\",\"status\":503}")));
			director.navigate("Groups");
			assertThat(page.locator("#groups")).containsText("not available right now, and nothing was changed");
			director.screenshot("director-10-groups-while-a-service-is-down");
		}
	}

	/** An invited patient who accepted; answers the name the directory shows. */
	private static String member(String firstName) {
		Clinic.Invitation invitation = Clinic.invite(firstName);
		HttpResponse<String> accepted = Clinic.post("/api/auth/public/invitations/accept", null,
				Map.of("code", invitation.code(), "password", "Group-member-2026"));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		return Http.json(Clinic.get("/api/auth/users/" + invitation.userId(), Clinic.director()))
			.get("displayName")
			.asText();
	}

	/**
	 * Saves the new group; a facilitator created a moment ago may not have reached the
	 * scheduling service's directory yet, which the page reports as a field error.
	 */
	private static void createGroup(Page page) {
		Locator create = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create group"));
		for (int attempt = 0; attempt < 30; attempt++) {
			create.click();
			page.waitForTimeout(1000);
			if (!page.url().contains("/new")) {
				return;
			}
			assertThat(page.locator("#alert")).containsText("not an active therapist");
		}
	}

	private static void add(Page page, String name) {
		page.getByLabel("Patient's name").fill(name);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find").setExact(true)).click();
		Locator add = page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Add " + name + " to the group"));
		assertThat(add).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(30_000));
		add.click();
	}

}
