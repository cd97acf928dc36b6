package org.therapygroups.devstack.web;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

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
 * A director's administration in real Chromium through the gateway: accounts (invite, new
 * code, withdraw, add staff, deactivate, reactivate, change role), documentation status,
 * the audit trail verified, and the note key rotated.
 */
@ExtendWith(RunningStack.class)
class DirectorAdministrationIT {

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
	void aDirectorManagesAccountsChecksDocumentationVerifiesTheAuditTrailAndRotatesTheKey()
			throws InterruptedException {
		String suffix = UUID.randomUUID().toString().replaceAll("[0-9-]", "").substring(0, 5);
		String nils = Http.json(Clinic.get("/api/auth/users/" + Clinic.therapist("Nils"), Clinic.director()))
			.get("displayName")
			.asText();
		String programId = Clinic.program("Documentation");
		Clinic.groupStartingIn(programId, "Documented group " + suffix, 6, 60);

		try (Browser.Person director = browser.person(Browser.DESKTOP)) {
			Page page = director.signIn("director1", Tokens.DEMO_PASSWORD);
			director.navigate("Accounts");
			assertThat(page.locator("#accounts-table")).isVisible();
			director.check("director-11-accounts");
			// nothing offered on one's own account that the service refuses
			page.locator("#role").selectOption("DIRECTOR");
			page.locator("#q").fill("Dana Director");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
			assertThat(row(page, "Dana Director")).containsText("Your own account");
			assertThat(row(page, "Dana Director").getByRole(AriaRole.BUTTON)).hasCount(0);

			// a patient is invited: the one-time link is there to copy, and the account
			// waits
			String kira = "Kira Browser" + suffix;
			invite(page, "Kira", "Browser" + suffix);
			director.expectAnnounced("The patient is invited");
			String firstLink = page.locator("#link").inputValue();
			assertThat(firstLink).startsWith(Browser.app("/invite#")).doesNotContain("code=");
			assertThat(row(page, kira)).containsText("Invitation pending");
			director.check("director-12-patient-invited");
			row(page, kira)
				.getByRole(AriaRole.BUTTON,
						new Locator.GetByRoleOptions().setName("Issue a new invitation code for " + kira))
				.click();
			director.expectAnnounced("A new code for " + kira + " is ready");
			assertThat(page.locator("#link")).not().hasValue(firstLink);
			String kirasLink = page.locator("#link").inputValue();
			assertThat(kirasLink).startsWith(Browser.app("/invite#"));
			assertThat(accept(codeOf(firstLink)).statusCode()).as("the replaced code").isEqualTo(400);

			String lena = "Lena Browser" + suffix;
			invite(page, "Lena", "Browser" + suffix);
			director.expectAnnounced("The patient is invited");
			assertThat(page.locator("#link-for")).hasText("For " + lena + ":");
			String lenasLink = page.locator("#link").inputValue();
			row(page, lena).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Withdraw")).click();
			row(page, lena).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yes: Withdraw")).click();
			director.expectAnnounced("The invitation of " + lena + " is withdrawn");
			assertThat(accept(codeOf(lenasLink)).statusCode()).as("the withdrawn code").isEqualTo(400);

			// the link the director hands over opens the app's invitation page, which
			// takes its code
			try (Browser.Person patient = browser.person(Browser.PHONE)) {
				patient.page().navigate(kirasLink);
				patient.page().getByLabel("New password").fill("Kira-browser-2026");
				patient.page().getByLabel("Repeat the password").fill("Kira-browser-2026");
				patient.page().getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set password")).click();
				assertThat(patient.page().locator("#done")).isVisible();
				assertThat(patient.page().locator("#done"))
					.containsText("Sign in with your username, kira.browser" + suffix + ".");
				patient.check("invite-01-opened-from-the-directors-link");
			}

			// a therapist is added; the licence is required, and the form says so
			page.getByLabel("First name").nth(1).fill("Mara");
			page.locator("#staffLastName").fill("Browser" + suffix);
			page.locator("#staffEmail").fill("mara." + suffix + "@example.org");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
			assertThat(page.locator("#alert")).containsText("Licence type");
			assertThat(page.locator("#licenceType")).hasAttribute("aria-invalid", "true");
			page.locator("#licenceType").fill("LPC");
			page.locator("#licenceNumber").fill("L-" + suffix);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
			director.expectAnnounced("The account is made");
			assertThat(row(page, "Mara Browser" + suffix)).containsText("Therapist");

			// an active therapist leaves, comes back, and becomes a director
			page.locator("#role").selectOption("THERAPIST");
			page.locator("#q").fill(nils);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
			row(page, nils).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deactivate " + nils))
				.click();
			row(page, nils)
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yes: Deactivate " + nils))
				.click();
			director.expectAnnounced(nils + " is deactivated and signed out");
			assertThat(row(page, nils)).containsText("Deactivated");
			row(page, nils).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reactivate " + nils))
				.click();
			director.expectAnnounced(nils + " can sign in again");
			assertThat(row(page, nils)).containsText("Active");
			row(page, nils)
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make " + nils + " a director"))
				.click();
			director.expectAnnounced(nils + " is now a director");

			director.navigate("Documentation");
			page.locator("#program").selectOption(programId);
			assertThat(page.locator("#documentation-facts")).containsText("Overdue (over 72 h)");
			director.check("director-13-documentation");

			director.navigate("Audit");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain")).click();
			assertThat(page.locator("#verdict")).containsText("The audit trail is intact");
			director.expectAnnounced("The audit trail is intact");
			// the check itself is on the trail (the page's own first reading may come
			// after
			// it, so it need not be the newest entry)
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show entries")).click();
			assertThat(page.locator("#audit-table tbody tr")
				.filter(new Locator.FilterOptions().setHasText("verify audit"))).hasCount(1);
			director.check("director-14-audit-verified");

			director.navigate("Keys");
			String before = page.locator("#key-facts dd").first().textContent();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rotate the key…")).click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, rotate now")).click();
			director.expectAnnounced("The key is rotated");
			assertThat(page.locator("#key-facts dd").first()).not().hasText(before);
			director.check("director-15-key-rotated");

			page.setViewportSize(Browser.PHONE[0], Browser.PHONE[1]);
			director.navigate("Accounts");
			assertThat(page.locator("#accounts-table")).isVisible();
			director.check("director-16-accounts-on-a-phone");
		}
	}

	private static void invite(Page page, String first, String last) {
		page.locator("#firstName").fill(first);
		page.locator("#lastName").fill(last);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
	}

	private static String codeOf(String link) {
		return URLDecoder.decode(link.substring(link.indexOf('#') + 1), StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> accept(String code) {
		return Clinic.post("/api/auth/public/invitations/accept", null,
				Map.of("code", code, "password", "Accepted-pass-2026"));
	}

	private static Locator row(Page page, String name) {
		return page.locator("#accounts-table tbody tr").filter(new Locator.FilterOptions().setHasText(name));
	}

}
