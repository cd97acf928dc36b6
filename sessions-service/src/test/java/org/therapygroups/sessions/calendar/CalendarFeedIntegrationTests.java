package org.therapygroups.sessions.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.events.Topics;
import org.therapygroups.events.identity.Roles;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.program.Program;
import org.therapygroups.sessions.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The calendar endpoints over the whole application: real security rules, real MongoDB
 * wire protocol (mongo-java-server), a real Kafka broker for the outbox relay. Data is
 * stored as documents through the fixtures; every case uses its own user ids.
 */
@SpringBootTest(properties = "therapy.sessions.public-base-url=https://therapy.example/")
@AutoConfigureMockMvc
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarFeedIntegrationTests {

	private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());

	private static final ZoneId BERLIN = ZoneId.of(CalendarFixtures.BERLIN);

	private static final String FEED = "/api/sessions/me/calendar-feed";

	private static final String SCHEDULE = "/api/sessions/me/schedule";

	private static final String PUBLIC_PREFIX = "https://therapy.example/api/sessions/public/calendar/";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	private final String therapist = CalendarFixtures.id("therapist");

	private final String otherTherapist = CalendarFixtures.id("therapist");

	private final String patient = CalendarFixtures.id("patient");

	private final String formerPatient = CalendarFixtures.id("patient");

	private final String director = CalendarFixtures.id("director");

	/** Seated in the Tuesday group too; used to check the directory rule. */
	private final String patient2 = CalendarFixtures.id("patient");

	/** Tuesdays 18:00 Berlin, from 8 weeks ago, facilitated by {@link #therapist}. */
	private Group tuesdays;

	/** Mondays 19:00 New York, also {@link #therapist}'s. */
	private Group newYork;

	/** Thursdays, {@link #otherTherapist}'s; the former patient sits here now. */
	private Group thursdays;

	private final List<Session> tuesdaySessions = new ArrayList<>();

	private final List<Session> thursdaySessions = new ArrayList<>();

	private Session cancelled;

	private Session moved;

	private Session extra;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongoServer.bind().getPort());
	}

	@BeforeAll
	void data() {
		CalendarFixtures fixtures = new CalendarFixtures(this.mongo);
		Program program = fixtures.program(CalendarFixtures.BERLIN, this.director);
		Program usProgram = fixtures.program("America/New_York", this.director);
		LocalDate firstTuesday = LocalDate.now(BERLIN)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY))
			.minusWeeks(8);
		LocalDateTime tuesdayStart = firstTuesday.atTime(18, 0);
		LocalDateTime thursdayStart = firstTuesday.plusDays(2).atTime(10, 0);
		this.tuesdays = fixtures.storedGroup(program, "Tuesday evening group", "TU", tuesdayStart, this.therapist);
		this.thursdays = fixtures.storedGroup(program, "Thursday morning group", "TH", thursdayStart,
				this.otherTherapist);
		this.newYork = fixtures.storedGroup(usProgram, "Monday group", "MO",
				firstTuesday.minusDays(1).atTime(LocalTime.of(19, 0)), this.therapist);

		Instant beforeStart = tuesdayStart.atZone(BERLIN).toInstant().minusSeconds(86_400);
		this.tuesdays = fixtures.enrol(this.tuesdays, this.patient, beforeStart);
		this.tuesdays = fixtures.enrol(this.tuesdays, this.patient2, beforeStart);
		// the former patient sat in weeks 2 and 3 of the Tuesday group only
		this.tuesdays = fixtures.enrol(this.tuesdays, this.formerPatient,
				tuesdayStart.plusWeeks(2).atZone(BERLIN).toInstant().minusSeconds(3600));
		this.tuesdays = fixtures.leave(this.tuesdays, this.formerPatient,
				tuesdayStart.plusWeeks(3).atZone(BERLIN).toInstant().plusSeconds(3 * 3600));
		this.thursdays = fixtures.enrol(this.thursdays, this.formerPatient, beforeStart);

		for (int week = 0; week < 16; week++) {
			this.tuesdaySessions.add(fixtures.occurrence(this.tuesdays, tuesdayStart.plusWeeks(week)));
			this.thursdaySessions.add(fixtures.occurrence(this.thursdays, thursdayStart.plusWeeks(week)));
		}
		this.cancelled = this.tuesdaySessions.get(10);
		fixtures.cancel(this.cancelled);
		Instant original = tuesdayStart.plusWeeks(11).atZone(BERLIN).toInstant();
		this.moved = fixtures.store(
				CalendarFixtures.occurrence(this.tuesdays, original.minusSeconds(600), original.plusSeconds(86_400)));
		this.extra = fixtures.store(CalendarFixtures.extra(this.tuesdays,
				tuesdayStart.plusWeeks(12).plusDays(3).atZone(BERLIN).toInstant()));
	}

	// --- the feed ---------------------------------------------------------------------

	@Test
	void feedCanBeCreatedFetchedWithoutTokenRevokedAndReplaced() throws Exception {
		String url = createFeed(patientJwt(this.patient));
		assertThat(url).startsWith(PUBLIC_PREFIX).endsWith(".ics");
		String token = token(url);
		assertThat(token).matches("[A-Za-z0-9_-]{43}");

		String status = this.mvc.perform(get(FEED).with(patientJwt(this.patient)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.createdAt").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(status).doesNotContain(token);

		Calendar calendar = fetchFeed(token);
		assertThat(uids(calendar)).contains(this.tuesdays.getId() + "@therapygroups")
			.doesNotContain(this.thursdays.getId() + "@therapygroups", this.newYork.getId() + "@therapygroups");

		Document stored = feedDocument(this.patient);
		assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "tokenHash", "role", "createdAt", "_class");
		assertThat(stored.getString("tokenHash")).isEqualTo(FeedTokens.hash(token)).hasSize(64);
		assertThat(stored.getString("role")).isEqualTo("PATIENT");
		assertThat(stored.toJson()).doesNotContain(token);

		this.mvc.perform(delete(FEED).with(patientJwt(this.patient))).andExpect(status().isNoContent());
		expectNoFeed(token);
		this.mvc.perform(get(FEED).with(patientJwt(this.patient)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
		assertThat(feedDocument(this.patient).get("revokedAt")).isNotNull();

		String again = createFeed(patientJwt(this.patient));
		String newToken = token(again);
		assertThat(newToken).isNotEqualTo(token);
		fetchFeed(newToken);
		expectNoFeed(token);

		// replacing without revoking first also kills the previous URL
		String third = token(createFeed(patientJwt(this.patient)));
		expectNoFeed(newToken);
		fetchFeed(third);
		assertThat(this.mongo.getCollection(CalendarFeed.COLLECTION).countDocuments(new Document("_id", this.patient)))
			.isOne();
		assertThat(this.mongo.getCollection(CalendarFeed.COLLECTION).find().into(new ArrayList<>()))
			.allSatisfy((doc) -> assertThat(doc.toJson()).doesNotContain(token, newToken, third));
	}

	@Test
	void therapistFeedHasTheirGroupsWithCancellationsMovesAndExtras() throws Exception {
		Calendar calendar = fetchFeed(token(createFeed(therapistJwt(this.therapist))));

		assertThat(calendar.<VTimeZone>getComponents(Component.VTIMEZONE))
			.extracting((tz) -> tz.getProperty(Property.TZID).orElseThrow().getValue())
			.containsExactly("America/New_York", "Europe/Berlin");
		assertThat(uids(calendar)).containsOnly(this.tuesdays.getId() + "@therapygroups",
				this.newYork.getId() + "@therapygroups", this.extra.getId() + "@therapygroups");
		VEvent master = events(calendar).stream()
			.filter((e) -> uid(e).equals(this.tuesdays.getId() + "@therapygroups"))
			.filter((e) -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
			.findFirst()
			.orElseThrow();
		assertThat(master.getProperty(Property.RRULE).orElseThrow().getValue()).contains("BYDAY=TU");
		assertThat(master.getProperty(Property.EXDATE).orElseThrow().getValue())
			.isEqualTo(local(this.cancelled.getOriginalStartsAt()));
		VEvent override = events(calendar).stream()
			.filter((e) -> e.getProperty(Property.RECURRENCE_ID).isPresent())
			.findFirst()
			.orElseThrow();
		assertThat(override.getProperty(Property.RECURRENCE_ID).orElseThrow().getValue())
			.isEqualTo(local(this.moved.getOriginalStartsAt()));
		assertThat(override.getProperty(Property.DTSTART).orElseThrow().getValue())
			.isEqualTo(local(this.moved.getStartsAt()));
	}

	@Test
	void feedStopsWhenTheDirectoryKnowsTheUserAsDeactivated() throws Exception {
		String token = token(createFeed(patientJwt(this.patient2)));
		// unknown to the directory (events not applied yet): the feed works
		fetchFeed(token);

		Instant now = Instant.now();
		this.mongo.save(new DirectoryUser(this.patient2, Roles.PATIENT, "Second Patient", true, now, now, now));
		fetchFeed(token);

		this.mongo.save(new DirectoryUser(this.patient2, Roles.PATIENT, "Second Patient", false, now, now, now));
		expectNoFeed(token);
	}

	@Test
	void unknownTokensAnswer404ProblemEvenForCalendarClients() throws Exception {
		this.mvc
			.perform(get("/api/sessions/public/calendar/{token}.ics", FeedTokens.newToken())
				.accept(MediaType.parseMediaType("text/calendar")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
		this.mvc.perform(get("/api/sessions/public/calendar/not-a-token.ics")).andExpect(status().isNotFound());
	}

	@Test
	void meEndpointsNeedABearerToken() throws Exception {
		this.mvc.perform(get(SCHEDULE)).andExpect(status().isUnauthorized());
		this.mvc.perform(get(FEED)).andExpect(status().isUnauthorized());
		this.mvc.perform(post(FEED)).andExpect(status().isUnauthorized());
		this.mvc.perform(delete(FEED))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void directorsHaveNeitherScheduleNorFeed() throws Exception {
		JwtRequestPostProcessor director = jwt().jwt((token) -> token.subject(this.director))
			.authorities(new SimpleGrantedAuthority("ROLE_director"));
		this.mvc.perform(get(SCHEDULE).with(director))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post(FEED).with(director)).andExpect(status().isForbidden());
		assertThat(this.mongo.getCollection(CalendarFeed.COLLECTION).countDocuments(new Document("_id", this.director)))
			.isZero();
	}

	// --- the schedule -----------------------------------------------------------------

	@Test
	void patientScheduleHasTheirGroupsSessionsIncludingCancelledOnes() throws Exception {
		String json = schedule(patientJwt(this.patient), range());

		Set<String> ids = Set.copyOf(JsonPath.read(json, "$[*].sessionId"));
		assertThat(ids).containsAll(this.tuesdaySessions.stream().map(Session::getId).toList())
			.contains(this.moved.getId(), this.extra.getId())
			.doesNotContainAnyElementsOf(this.thursdaySessions.stream().map(Session::getId).toList());
		assertThat(ids).hasSize(this.tuesdaySessions.size() + 2);
		List<String> cancelledStatus = JsonPath.read(json,
				"$[?(@.sessionId == '" + this.cancelled.getId() + "')].status");
		assertThat(cancelledStatus).containsExactly("CANCELLED");
		List<Boolean> rescheduled = JsonPath.read(json,
				"$[?(@.sessionId == '" + this.moved.getId() + "')].rescheduled");
		assertThat(rescheduled).containsExactly(true);
		List<Boolean> extra = JsonPath.read(json, "$[?(@.sessionId == '" + this.extra.getId() + "')].extra");
		assertThat(extra).containsExactly(true);
		assertThat(JsonPath.<String>read(json, "$[0].groupName")).isEqualTo("Tuesday evening group");
		assertThat(JsonPath.<String>read(json, "$[0].groupId")).isEqualTo(this.tuesdays.getId());
		assertThat(JsonPath.<String>read(json, "$[0].modality")).isEqualTo("PSYCHODYNAMIC");
		assertThat(JsonPath.<String>read(json, "$[0].location.room")).isEqualTo("Room 3");
		List<String> starts = JsonPath.read(json, "$[*].startsAt");
		assertThat(starts).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
	}

	@Test
	void formerMemberSeesOnlyThePastSessionsTheyWereOnTheRosterOf() throws Exception {
		String json = schedule(patientJwt(this.formerPatient), range());

		Set<String> ids = Set.copyOf(JsonPath.read(json, "$[*].sessionId"));
		assertThat(ids).contains(this.tuesdaySessions.get(2).getId(), this.tuesdaySessions.get(3).getId())
			.doesNotContain(this.tuesdaySessions.get(1).getId(), this.tuesdaySessions.get(4).getId(),
					this.tuesdaySessions.get(12).getId(), this.extra.getId())
			.containsAll(this.thursdaySessions.stream().map(Session::getId).toList());
		assertThat(ids).hasSize(2 + this.thursdaySessions.size());
	}

	@Test
	void therapistScheduleHasTheGroupsTheyFacilitateOnly() throws Exception {
		String json = schedule(therapistJwt(this.therapist), range());
		List<String> groupIds = JsonPath.read(json, "$[*].groupId");
		assertThat(groupIds).contains(this.tuesdays.getId()).doesNotContain(this.thursdays.getId());

		String other = schedule(therapistJwt(this.otherTherapist), range());
		assertThat(Set.copyOf(JsonPath.<List<String>>read(other, "$[*].groupId")))
			.containsExactly(this.thursdays.getId());
	}

	@Test
	void scheduleRangeIsCheckedWithFieldErrors() throws Exception {
		this.mvc
			.perform(get(SCHEDULE).param("from", "2026-01-01T00:00:00Z")
				.param("to", "2027-02-06T00:00:00Z")
				.with(patientJwt(this.patient)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		this.mvc.perform(get(SCHEDULE).param("from", "yesterday").with(patientJwt(this.patient)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		// the default range: a day back, 60 days ahead
		String json = this.mvc.perform(get(SCHEDULE).with(patientJwt(this.patient)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> starts = JsonPath.read(json, "$[*].startsAt");
		assertThat(starts).isNotEmpty()
			.allSatisfy((s) -> assertThat(Instant.parse(s)).isAfter(Instant.now().minusSeconds(2 * 86_400)));
	}

	// --- helpers ----------------------------------------------------------------------

	private static JwtRequestPostProcessor patientJwt(String id) {
		return jwt().jwt((token) -> token.subject(id)).authorities(new SimpleGrantedAuthority("ROLE_patient"));
	}

	private static JwtRequestPostProcessor therapistJwt(String id) {
		return jwt().jwt((token) -> token.subject(id)).authorities(new SimpleGrantedAuthority("ROLE_therapist"));
	}

	private String[] range() {
		Instant from = this.tuesdaySessions.get(0).getStartsAt().minusSeconds(7 * 86_400);
		return new String[] { from.toString(), from.plusSeconds(200L * 86_400).toString() };
	}

	private String schedule(JwtRequestPostProcessor user, String[] range) throws Exception {
		return this.mvc.perform(get(SCHEDULE).param("from", range[0]).param("to", range[1]).with(user))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String createFeed(JwtRequestPostProcessor user) throws Exception {
		String body = this.mvc.perform(post(FEED).with(user))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.createdAt").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.url");
	}

	private static String token(String url) {
		return url.substring(PUBLIC_PREFIX.length(), url.length() - ".ics".length());
	}

	/** Fetches a feed as a calendar client does: no bearer token. */
	private Calendar fetchFeed(String token) throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(get("/api/sessions/public/calendar/{token}.ics", token)
				.accept(MediaType.parseMediaType("text/calendar")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/calendar;charset=utf-8"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn()
			.getResponse();
		String text = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").contains("METHOD:PUBLISH\r\n");
		return new CalendarBuilder().build(new StringReader(text));
	}

	private void expectNoFeed(String token) throws Exception {
		this.mvc.perform(get("/api/sessions/public/calendar/{token}.ics", token))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private Document feedDocument(String userId) {
		return this.mongo.getCollection(CalendarFeed.COLLECTION).find(new Document("_id", userId)).first();
	}

	private static List<VEvent> events(Calendar calendar) {
		return calendar.<VEvent>getComponents(Component.VEVENT);
	}

	private static String uid(VEvent event) {
		return event.getProperty(Property.UID).orElseThrow().getValue();
	}

	private static List<String> uids(Calendar calendar) {
		return events(calendar).stream().map(CalendarFeedIntegrationTests::uid).toList();
	}

	private static String local(Instant instant) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(instant.atZone(BERLIN));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MongoServerLifecycle {

		/** Stops the in-memory server when the test context closes. */
		@Bean(destroyMethod = "shutdownNow")
		MongoServer mongoServer() {
			return mongoServer;
		}

	}

}
