package org.therapygroups.devstack.web;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A therapist's day in real Chromium through the gateway: attendance on a tablet, the
 * psychodynamic note written while a co-facilitator writes another member's entry at the
 * same time, signing, an addendum, the patient's timeline; then the patient sees only
 * their signed progress entry.
 */
@ExtendWith(RunningStack.class)
class TherapistWorkspaceIT {

	private static final LocatorAssertions.ContainsTextOptions SAVED = new LocatorAssertions.ContainsTextOptions()
		.setTimeout(20_000);

	private static final Locator.GetByLabelOptions EXACT = new Locator.GetByLabelOptions().setExact(true);

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
	void aTherapistTakesAttendanceWritesAndSignsTheNoteWhileACoFacilitatorWritesToo() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		Clinic.Staff lead = Clinic.newTherapist("Petra");
		Clinic.Staff co = Clinic.newTherapist("Quentin");
		String programId = Clinic.program("Workspace");
		String groupName = "Tuesday psychodynamic " + suffix;
		String groupId = group(programId, groupName, lead.userId(), co.userId());
		Member anna = member("Anna", groupId);
		Member ben = member("Ben", groupId);

		try (Browser.Person therapist = browser.person(Browser.TABLET);
				Browser.Person colleague = browser.person(Browser.DESKTOP)) {
			Page page = therapist.signIn(lead.username(), Clinic.THERAPIST_PASSWORD);
			page.waitForURL(Browser.app("/therapist"));
			assertThat(page.locator("#today")).containsText(groupName);
			therapist.check("therapist-01-today");

			// the session: started, attendance in a tap (late asks for minutes),
			// completed
			page.locator("#today")
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(groupName).setExact(true))
				.click();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start the session")).click();
			therapist.expectAnnounced("The session has started");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Present: " + anna.name())).click();
			therapist.expectAnnounced(anna.name() + ": present");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Late: " + ben.name())).click();
			page.getByLabel("Minutes late").fill("10");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save: Late")).click();
			therapist.expectAnnounced(ben.name() + ": late");
			assertThat(row(page, ben.name())).containsText("Late (10 min)");
			therapist.check("therapist-02-attendance-on-a-tablet");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete the session")).click();
			therapist.expectAnnounced("The session is complete");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Write the note")).click();
			page.waitForURL(Pattern.compile(".*/therapist/notes/[0-9a-f-]{36}"));
			String noteUrl = page.url();

			// the co-facilitator opens the same note on their own computer
			Page other = colleague.signIn(co.username(), Clinic.THERAPIST_PASSWORD);
			other.navigate(noteUrl);
			assertThat(section(other, ben.name())).isVisible();

			// both write at the same time, each another member's entry
			Locator annaPart = section(page, anna.name());
			Locator benPart = section(other, ben.name());
			page.getByLabel("Topic").fill("Returning home after treatment");
			annaPart.getByLabel("Participation", EXACT).selectOption("ACTIVE");
			annaPart.getByLabel("Response to the interventions").fill("Named her fear of the first weekend alone.");
			annaPart.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add theme")).click();
			annaPart.getByLabel("Tags", EXACT).fill("shame, family");
			annaPart.getByLabel("Text", EXACT).first().fill("Mother's kitchen as the place of every quarrel.");
			annaPart.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add resistance")).click();
			annaPart.getByLabel("Kind", EXACT).first().selectOption("AVOIDANCE");
			annaPart.getByLabel("Observation", EXACT)
				.first()
				.fill("Changed the subject when the group asked about her son.");
			annaPart.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add link")).click();
			annaPart.getByLabel("Past", EXACT).fill("Hid bottles from her father as a teenager.");
			annaPart.getByLabel("Present", EXACT).fill("Hides her cravings from the group.");
			benPart.getByLabel("Response to the interventions").fill("Spoke first for the first time.");
			benPart.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add defense")).click();
			benPart.getByLabel("Kind", EXACT).first().selectOption("RATIONALISATION");
			benPart.getByLabel("Observation", EXACT).first().fill("Explained his relapse by the weather.");
			assertThat(annaPart.locator(".part-state")).containsText("Saved", SAVED);
			assertThat(benPart.locator(".part-state")).containsText("Saved", SAVED);
			assertThat(section(page, "Group part").locator(".part-state")).containsText("Saved", SAVED);
			therapist.check("therapist-03-note-editor");
			// clinical text stays in the page: not in the address, the title or the
			// browser's
			// storage
			assertThat(page.url()).doesNotContain("fear", "bottles", "kitchen");
			assertThat(page.title()).isEqualTo("Session note · Group therapy");
			assertThat(page.evaluate("() => localStorage.length + sessionStorage.length")).isEqualTo(0);
			// keyboard: Alt+N goes to the next member's first field
			annaPart.getByLabel("Participation", EXACT).focus();
			page.keyboard().press("Alt+n");
			assertThat(section(page, ben.name()).getByLabel("Participation", EXACT)).isFocused();
			colleague.check("therapist-04-co-facilitator-writes-another-entry");

			// neither lost a word: what each wrote is there for both after a reload
			page.reload();
			other.reload();
			for (Page seen : List.of(page, other)) {
				assertThat(section(seen, anna.name()).getByLabel("Response to the interventions"))
					.hasValue("Named her fear of the first weekend alone.");
				assertThat(section(seen, anna.name()).getByLabel("Past", EXACT))
					.hasValue("Hid bottles from her father as a teenager.");
				assertThat(section(seen, ben.name()).getByLabel("Response to the interventions"))
					.hasValue("Spoke first for the first time.");
				assertThat(section(seen, ben.name()).getByLabel("Observation", EXACT).first())
					.hasValue("Explained his relapse by the weather.");
			}

			// the same entry from two screens: the save made from a stale copy shows both
			// versions and overwrites nothing
			Locator annaThere = section(other, anna.name());
			annaThere.getByLabel("Progress toward goals").fill("Two weeks without drinking.");
			assertThat(annaThere.locator(".part-state")).containsText("Saved", SAVED);
			annaPart.getByLabel("Progress toward goals").fill("Sober since the last group.");
			Locator conflict = annaPart.locator(".conflict");
			assertThat(conflict).containsText("changed by someone else", SAVED);
			assertThat(conflict).containsText("Two weeks without drinking.");
			assertThat(conflict).containsText("Sober since the last group.");
			therapist.check("therapist-05-both-versions-of-an-entry");
			conflict
				.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep my changes on top of theirs"))
				.click();
			assertThat(annaPart.locator(".part-state")).containsText("Saved", SAVED);
			assertThat(annaPart.locator(".conflict")).hasCount(0);

			// signing shows what will be locked, then locks it
			page.reload();
			assertThat(section(page, anna.name()).getByLabel("Response to the interventions"))
				.hasValue("Named her fear of the first weekend alone.");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign the note…")).click();
			assertThat(page.locator("#sign-parts")).containsText(anna.name() + ": progress entry and process note");
			therapist.check("therapist-06-sign-confirmation");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign now")).click();
			therapist.expectAnnounced("The note is signed and locked");
			assertThat(page.locator("#note-status")).containsText("Signed");
			page.getByLabel("About")
				.selectOption(
						new com.microsoft.playwright.options.SelectOption().setLabel(anna.name() + ": progress entry"));
			page.getByLabel("Addendum", new Page.GetByLabelOptions().setExact(true))
				.fill("She called the next morning: the weekend went well.");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add the addendum")).click();
			therapist.expectAnnounced("The addendum is added");
			assertThat(page.locator("#addenda-list")).containsText("the weekend went well");
			therapist.check("therapist-07-signed-with-an-addendum");

			// her patterns across sessions, from the signed note
			page.navigate(Browser.app("/therapist/patients/" + anna.userId()));
			assertThat(page.locator("#patterns-table")).containsText("shame");
			assertThat(page.locator("#patterns-table")).containsText("avoidance");
			therapist.check("therapist-08-patient-timeline");

			// someone new joins from the group's page: invited and given a seat in one
			// step
			page.navigate(Browser.app("/therapist/groups/" + groupId));
			assertThat(page.locator("#roster")).containsText(anna.name());
			page.getByLabel("First name").fill("Cara");
			page.getByLabel("Last name").fill("Browser" + suffix);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite and add to this group"))
				.click();
			therapist
				.expectAnnounced("Cara Browser" + suffix + " is invited. Cara Browser" + suffix + " is now a member");
			assertThat(page.locator("#link")).hasValue(Pattern.compile(".*/invite#[^=]+"));
			assertThat(page.locator("#roster")).containsText("Cara Browser" + suffix);
			therapist.check("therapist-09-group-invite-and-enrol");
		}

		// the patient reads her signed progress entry and its addendum, nothing else
		try (Browser.Person patient = browser.person(Browser.PHONE)) {
			Page page = patient.signIn(anna.username(), Member.PASSWORD);
			patient.navigate("My progress notes");
			Locator entries = page.locator("#entries");
			assertThat(entries).containsText("Named her fear of the first weekend alone.");
			assertThat(entries).containsText("the weekend went well");
			assertThat(entries).not().containsText("Mother's kitchen");
			assertThat(entries).not().containsText("Hid bottles");
			assertThat(entries).not().containsText("Spoke first for the first time");
			patient.check("therapist-10-patient-sees-only-her-progress-entry");
		}
	}

	private static Locator section(Page page, String heading) {
		return page.locator("section.part")
			.filter(new Locator.FilterOptions()
				.setHas(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(heading).setLevel(2))));
	}

	private static Locator row(Page page, String name) {
		return page.locator(".attendance-row").filter(new Locator.FilterOptions().setHasText(name));
	}

	/**
	 * A psychodynamic group led by one therapist with a co-facilitator, starting in
	 * minutes.
	 */
	private static String group(String programId, String name, String leadId, String coId) throws InterruptedException {
		LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(10);
		Map<String, Object> group = new LinkedHashMap<>();
		group.put("name", name);
		group.put("modality", "PSYCHODYNAMIC");
		group.put("minSize", 1);
		group.put("maxSize", 8);
		group.put("facilitators", List.of(Map.of("therapistId", leadId, "role", "LEAD"),
				Map.of("therapistId", coId, "role", "CO_FACILITATOR")));
		group.put("location", Map.of("room", "B" + UUID.randomUUID().toString().substring(0, 4)));
		group.put("sessionMinutes", 60);
		group.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", start.toString(), "count", 2));
		HttpResponse<String> created = null;
		for (int attempt = 0; attempt < 60; attempt++) {
			created = Clinic.post("/api/sessions/programs/" + programId + "/groups", Clinic.director(), group);
			// the facilitators may not have reached the scheduling service yet
			if (created.statusCode() != 400) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return Http.json(created).get("id").asText();
	}

	private static Member member(String firstName, String groupId) throws InterruptedException {
		Clinic.Invitation invitation = Clinic.invite(firstName);
		HttpResponse<String> accepted = Clinic.post("/api/auth/public/invitations/accept", null,
				Map.of("code", invitation.code(), "password", Member.PASSWORD));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> enrolled = null;
		for (int attempt = 0; attempt < 60; attempt++) {
			enrolled = Clinic.post("/api/sessions/groups/" + groupId + "/memberships", Clinic.director(),
					Map.of("patientId", invitation.userId()));
			if (enrolled.statusCode() != 400) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
		JsonNode user = Http.json(Clinic.get("/api/auth/users/" + invitation.userId(), Clinic.director()));
		return new Member(invitation.userId(), invitation.username(), user.get("displayName").asText());
	}

	record Member(String userId, String username, String name) {

		static final String PASSWORD = "Workspace-member-2026";

	}

}
