package org.therapygroups.devstack.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.therapygroups.devstack.RunningStack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real headless Chromium (Debian's package, which {@code ./test} installs) driven by
 * Playwright, against the local stack through the gateway. One browser per test class; a
 * fresh context, so a fresh cookie jar, per person.
 */
public final class Browser implements AutoCloseable {

	/** A phone: the narrowest screen the app must work on. */
	public static final int[] PHONE = { 390, 844 };

	public static final int[] DESKTOP = { 1280, 900 };

	public static final int[] TABLET = { 820, 1180 };

	static final Path SCREENSHOTS = Path.of(System.getProperty("therapy.root", ".."), "devstack", "target",
			"screenshots");

	private static final Path CHROMIUM = Path.of(System.getProperty("therapy.chromium", "/usr/bin/chromium"));

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser chromium;

	private Browser() {
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		this.chromium = this.playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
	}

	public static Browser launch() {
		return new Browser();
	}

	/** A new person at a new device. */
	public Person person(int[] viewport) {
		BrowserContext context = this.chromium.newContext(
				new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(viewport[0], viewport[1])
					.setLocale("en-GB")
					.setTimezoneId("UTC"));
		context.setDefaultTimeout(20_000);
		return new Person(context);
	}

	@Override
	public void close() {
		this.chromium.close();
		this.playwright.close();
	}

	public static String app(String path) {
		return RunningStack.config().gatewayUrl() + path;
	}

	/** One person's browser: its pages, and what the browser reported along the way. */
	public static final class Person implements AutoCloseable {

		private final BrowserContext context;

		private final Page page;

		private final List<String> problems = new ArrayList<>();

		Person(BrowserContext context) {
			this.context = context;
			this.page = context.newPage();
			// a refused script or style (CSP) or a script error is a broken page
			this.page.onConsoleMessage((message) -> {
				if ("error".equals(message.type()) && !message.text().contains("Failed to load resource")) {
					this.problems.add(message.text());
				}
			});
			this.page.onPageError((error) -> this.problems.add(error));
			this.page.onDialog((dialog) -> dialog.accept());
		}

		public Page page() {
			return this.page;
		}

		public BrowserContext context() {
			return this.context;
		}

		public Page open(String path) {
			this.page.navigate(app(path));
			return this.page;
		}

		/**
		 * Signs in on Keycloak's page, starting from the app, and lands on the role's
		 * home.
		 */
		public Page signIn(String username, String password) {
			this.page.navigate(app("/"));
			this.page.locator("#username").fill(username);
			this.page.locator("#password").fill(password);
			this.page.locator("#kc-login").click();
			this.page.waitForURL(Pattern.compile(Pattern.quote(app("/")) + ".*"));
			return this.page;
		}

		/**
		 * The page as it is now: no serious or critical accessibility issue (axe-core,
		 * WCAG 2 A and AA), no console error, and a screenshot kept under
		 * {@code devstack/target/screenshots}.
		 */
		public void check(String name) {
			this.page.waitForLoadState();
			assertThat(this.page.locator("[aria-busy=true]")).hasCount(0);
			screenshot(name);
			List<Rule> violations = new AxeBuilder(this.page)
				.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
				.analyze()
				.getViolations()
				.stream()
				.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
				.toList();
			assertThat(violations.stream()
				.map((rule) -> rule.getId() + ": " + rule.getHelp() + " at "
						+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
				.toList()).as("accessibility of %s", name).isEmpty();
			assertThat(this.problems).as("browser errors on %s", name).isEmpty();
		}

		public void screenshot(String name) {
			try {
				Files.createDirectories(SCREENSHOTS);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.page
				.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
		}

		/** Follows a link of the main navigation, as a person would. */
		public void navigate(String linkText) {
			this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
				.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(linkText))
				.click();
			this.page.waitForLoadState();
		}

		/** What the page announced last in its status line. */
		public void expectAnnounced(String text) {
			assertThat(this.page.locator("#status")).containsText(text);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
