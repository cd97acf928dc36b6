package org.therapygroups.sessions.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups, their sessions over the horizon, conflicts and bad input, on the real stores.
 */
@ServiceTest
class GroupSchedulingTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

	@Autowired
	private GroupScheduling scheduling;

	private Fixtures fixtures;

	private Api api;

	private Caller director;

	private Caller therapist;

	private String program;

	@BeforeEach
	void world() {
		this.clock.set(ServiceTestConfig.NOW);
		this.api = new Api(this.mvc);
		this.fixtures = new Fixtures(this.mongo, this.api);
		this.director = this.fixtures.director();
		this.therapist = this.fixtures.therapist();
		this.program = this.fixtures.program(this.director);
	}

	@Test
	void aWeeklyGroupGetsItsSessionsOverTheHorizonAtSixInTheEveningAllYear() {
		Api.Response created = this.fixtures.createGroup(this.director, this.program,
				Fixtures.groupRequest(this.therapist.id()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat((String) created.json("$.rrule")).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
		List<Map<String, Object>> sessions = this.fixtures.sessions(this.director, created.id());
		// 26 weeks of horizon from Tuesday 1 September, the first at 18:00 that day
		assertThat(sessions).hasSize(27);
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		for (Map<String, Object> session : sessions) {
			Instant start = Instant.parse((String) session.get("startsAt"));
			assertThat(start.atZone(berlin).getHour()).isEqualTo(18);
			assertThat(Duration.between(start, Instant.parse((String) session.get("endsAt")))).hasMinutes(90);
		}
		assertThat(sessions.get(0).get("startsAt")).isEqualTo("2026-09-01T16:00:00Z");
		assertThat(sessions).extracting((s) -> s.get("startsAt"))
			.contains("2026-10-20T16:00:00Z", "2026-10-27T17:00:00Z");
	}

	@Test
	void aStartWithAnOffsetIsTheSameMomentInTheProgramsZone() {
		// each is 09:03 in Berlin (UTC+1 in winter, UTC+2 in summer); the group meets
		// then
		Map<String, String> firstSessions = Map.of("2027-01-06T08:03:00Z", "2027-01-06T08:03:00Z",
				"2027-01-06T09:03:00+01:00", "2027-01-06T08:03:00Z", "2027-01-06T03:03:00-05:00",
				"2027-01-06T08:03:00Z", "2026-09-02T09:03:00+02:00", "2026-09-02T07:03:00Z", "2026-09-02T07:03Z",
				"2026-09-02T07:03:00Z");
		firstSessions.forEach((start, firstSession) -> {
			Map<String, Object> request = Fixtures.groupRequest(this.fixtures.therapist().id());
			request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=WE", "start", start, "count", 2));
			Api.Response created = this.fixtures.createGroup(this.director, this.program, request);
			assertThat(created.status()).as(start + " " + created).isEqualTo(201);
			assertThat((String) created.json("$.recurrence.start")).as(start)
				.isEqualTo(start.substring(0, 11) + "09:03:00");
			List<Map<String, Object>> sessions = this.fixtures.sessions(this.director, created.id());
			assertThat(sessions).extracting((s) -> s.get("startsAt"))
				.as(start)
				.containsExactly(firstSession, Instant.parse(firstSession).plus(Duration.ofDays(7)).toString());
		});
	}

	@Test
	void aStartThatIsNoDateAndTimeNamesTheField() {
		for (String start : List.of("next Wednesday", "2027-01-06", "2027-01-06T09:03:00 Europe/Berlin")) {
			Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
			request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=WE", "start", start));
			Api.Response refused = this.fixtures.createGroup(this.director, this.program, request);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(fields(refused)).as(start).containsExactly("recurrence.start");
			assertThat(refused.body()).doesNotContain(start);
		}
	}

	@Test
	void thePreviewShowsTheNextOccurrencesAtTheSameLocalTimeAcrossDaylightSavingAndStoresNothing() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		long groupsBefore = this.mongo.getCollection("groups").countDocuments();
		Api.Response preview = this.api.post(this.director,
				"/api/sessions/programs/" + this.program + "/groups/preview?count=9", request);
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat((String) preview.json("$.timeZone")).isEqualTo("Europe/Berlin");
		assertThat((String) preview.json("$.rrule")).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
		List<String> local = preview.json("$.occurrences[*].local");
		assertThat(local).hasSize(9).allSatisfy((start) -> assertThat(start).endsWith("T18:00:00"));
		List<String> moments = preview.json("$.occurrences[*].startsAt");
		// the clocks go back on 25 October: the same 18:00 is an hour later in UTC
		assertThat(moments).startsWith("2026-09-01T16:00:00Z").contains("2026-10-20T16:00:00Z", "2026-10-27T17:00:00Z");
		assertThat(this.mongo.getCollection("groups").countDocuments()).isEqualTo(groupsBefore);
	}

	@Test
	void thePreviewRefusesWhatCreationRefusesFieldByField() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-02T18:00:00"));
		Api.Response wrongDay = this.api.post(this.director,
				"/api/sessions/programs/" + this.program + "/groups/preview", request);
		assertThat(wrongDay.status()).isEqualTo(400);
		assertThat(wrongDay.contentType()).startsWith("application/problem+json");
		assertThat(fields(wrongDay)).containsExactly("recurrence.start");
		Api.Response tooMany = this.api.post(this.director,
				"/api/sessions/programs/" + this.program + "/groups/preview?count=500",
				Fixtures.groupRequest(this.therapist.id()));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(fields(tooMany)).containsExactly("count");
	}

	@Test
	void theApiDocumentSaysAStartWithAnOffsetIsConverted() {
		Api.Response document = this.api.get(null, "/v3/api-docs");
		assertThat(document.status()).isEqualTo(200);
		assertThat((String) document.json("$.components.schemas.RecurrenceRequest.properties.start.description"))
			.contains("local to the program's time zone", "converted to the program's time zone");
	}

	@Test
	void theHorizonJobExtendsOnceWhateverHowOftenItRuns() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		long before = countSessions(group);
		this.clock.advance(Duration.ofDays(14));
		this.scheduling.extendHorizon();
		this.scheduling.extendHorizon();
		assertThat(countSessions(group)).isEqualTo(before + 2);
	}

	@Test
	void aFacilitatorIsNeverBookedTwice() {
		String first = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		Map<String, Object> overlapping = Fixtures.groupRequest(this.therapist.id());
		overlapping.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-15T19:00:00"));
		long groups = this.mongo.count(new Query(), Group.class);
		long sessions = this.mongo.count(new Query(), Session.class);
		Api.Response refused = this.fixtures.createGroup(this.director, this.program, overlapping);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat((String) refused.json("$.conflictingSessionId")).startsWith(first + "_");
		assertThat((String) refused.json("$.detail")).contains(first);
		assertThat(this.mongo.count(new Query(), Group.class)).isEqualTo(groups);
		assertThat(this.mongo.count(new Query(), Session.class)).isEqualTo(sessions);
		// right after the first one ends is fine
		overlapping.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-15T19:30:00"));
		assertThat(this.fixtures.createGroup(this.director, this.program, overlapping).status()).isEqualTo(201);
	}

	@Test
	void aRoomIsNeverBookedTwice() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("location", Map.of("room", "Room 2"));
		String first = this.fixtures.group(this.director, this.program, request);
		Map<String, Object> other = Fixtures.groupRequest(this.fixtures.therapist().id());
		other.put("location", Map.of("room", " room  2 "));
		Api.Response refused = this.fixtures.createGroup(this.director, this.program, other);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat((String) refused.json("$.conflictingGroupId")).isEqualTo(first);
		assertThat((String) refused.json("$.resource")).contains("room 2");
	}

	@Test
	void reschedulingIntoAnotherSessionIsAConflictAndChangesNothing() {
		String first = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		Map<String, Object> wednesday = Fixtures.groupRequest(this.therapist.id());
		wednesday.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=WE", "start", "2026-09-02T18:00:00"));
		String second = this.fixtures.group(this.director, this.program, wednesday);
		String session = this.fixtures.firstSession(this.director, second);
		Api.Response refused = this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/reschedule",
				Map.of("startsAt", "2026-09-01T16:30:00Z", "reason", "room change"));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat((String) refused.json("$.conflictingSessionId")).startsWith(first + "_");
		Api.Response unchanged = this.api.get(this.therapist, "/api/sessions/sessions/" + session);
		assertThat((String) unchanged.json("$.startsAt")).isEqualTo("2026-09-02T16:00:00Z");
		// the slot the second group freed by moving can be taken, the old one is free
		// again
		Api.Response moved = this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/reschedule",
				Map.of("startsAt", "2026-09-03T16:00:00Z", "reason", "holiday"));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat((Boolean) moved.json("$.rescheduled")).isTrue();
		assertThat((String) moved.json("$.originalStartsAt")).isEqualTo("2026-09-02T16:00:00Z");
		assertThat((String) moved.json("$.endsAt")).isEqualTo("2026-09-03T17:30:00Z");
		Api.Response extra = this.api.post(this.therapist, "/api/sessions/groups/" + first + "/sessions",
				Map.of("startsAt", "2026-09-02T16:00:00Z"));
		assertThat(extra.status()).as(extra.toString()).isEqualTo(201);
		assertThat((Boolean) extra.json("$.extra")).isTrue();
	}

	@Test
	void cancellingOneOccurrenceKeepsItWithItsReason() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		String session = this.fixtures.firstSession(this.director, group);
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/cancel", Map.of()).status())
			.isEqualTo(400);
		Api.Response cancelled = this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/cancel",
				Map.of("reason", "public holiday"));
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat((String) cancelled.json("$.status")).isEqualTo("CANCELLED");
		assertThat((String) cancelled.json("$.cancelReason")).isEqualTo("public holiday");
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/start", null).status())
			.isEqualTo(409);
		// the freed slot can be used by another group of the same facilitator
		Map<String, Object> other = Fixtures.groupRequest(this.therapist.id());
		other.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", "2026-09-01T18:00:00", "count", 1));
		assertThat(this.fixtures.createGroup(this.director, this.program, other).status()).isEqualTo(201);
	}

	@Test
	void completingEarlyFreesTheRestOfTheSlotForFacilitatorAndRoom() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("location", Map.of("room", "Room 7"));
		String group = this.fixtures.group(this.director, this.program, request);
		heldFromTo(this.fixtures.firstSession(this.director, group), "2026-09-01T16:00:00Z", "2026-09-01T16:40:00Z");
		// the time it was held stays taken; the rest of 16:00 to 17:30 is free
		assertThat(extra(group, "2026-09-01T16:30:00Z", "2026-09-01T16:50:00Z").status()).isEqualTo(409);
		Api.Response rest = extra(group, "2026-09-01T16:45:00Z", "2026-09-01T17:30:00Z");
		assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
		Map<String, Object> sameRoom = Fixtures.groupRequest(this.fixtures.therapist().id());
		sameRoom.put("location", Map.of("room", "Room 7"));
		sameRoom.put("recurrence", Map.of("rrule", "FREQ=DAILY", "start", "2026-09-01T18:40:00", "count", 1));
		sameRoom.put("sessionMinutes", 15);
		Api.Response room = this.fixtures.createGroup(this.director, this.program, sameRoom);
		assertThat(room.status()).as(room.toString()).isEqualTo(201);
	}

	@Test
	void completingBeforeTheScheduledStartFreesTheWholeSlot() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		heldFromTo(this.fixtures.firstSession(this.director, group), "2026-09-01T15:50:00Z", "2026-09-01T15:58:00Z");
		Api.Response whole = extra(group, "2026-09-01T16:00:00Z", "2026-09-01T17:30:00Z");
		assertThat(whole.status()).as(whole.toString()).isEqualTo(201);
	}

	@Test
	void completingLateKeepsTheSlotAsItWas() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		heldFromTo(this.fixtures.firstSession(this.director, group), "2026-09-01T16:00:00Z", "2026-09-01T17:35:00Z");
		assertThat(extra(group, "2026-09-01T17:00:00Z", "2026-09-01T17:31:00Z").status()).isEqualTo(409);
		assertThat(extra(group, "2026-09-01T17:30:00Z", "2026-09-01T18:00:00Z").status()).isEqualTo(201);
	}

	@Test
	void endingAGroupCancelsItsFutureAndKeepsItsPast() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		String first = this.fixtures.firstSession(this.director, group);
		this.clock.set(Instant.parse("2026-09-01T16:00:00Z"));
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + first + "/complete", null).status())
			.isEqualTo(200);
		this.clock.set(Instant.parse("2026-09-20T10:00:00Z"));
		Api.Response ended = this.api.post(this.director, "/api/sessions/groups/" + group + "/end",
				Map.of("outcome", "FINISHED", "reason", "cohort graduated"));
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		assertThat((String) ended.json("$.status")).isEqualTo("FINISHED");
		List<Map<String, Object>> sessions = this.fixtures.sessions(this.director, group);
		assertThat(sessions.get(0).get("status")).isEqualTo("COMPLETED");
		assertThat(sessions.stream()
			.filter((s) -> Instant.parse((String) s.get("startsAt")).isAfter(this.clock.instant()))).isNotEmpty()
			.allSatisfy((s) -> assertThat(s.get("status")).isEqualTo("CANCELLED"));
		assertThat(
				this.api.post(this.director, "/api/sessions/groups/" + group + "/end", Map.of("outcome", "CANCELLED"))
					.status())
			.isEqualTo(409);
		assertThat(this.api.post(this.director, "/api/sessions/groups/" + group + "/end", Map.of("outcome", "PAUSED"))
			.status()).isEqualTo(400);
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsStored() {
		long groups = this.mongo.count(new Query(), Group.class);
		String inactive = this.fixtures.user("therapist", false);
		String patient = this.fixtures.patient().id();
		Map<String, Object> request = Fixtures.groupRequest(inactive);
		request.put("maxSize", 0);
		request.put("modality", "ASTROLOGY");
		request.put("recurrence", Map.of("rrule", "FREQ=SOMETIMES", "start", "2026-09-01T18:00:00"));
		Api.Response refused = this.fixtures.createGroup(this.director, this.program, request);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(fields(refused)).contains("facilitators[0].therapistId", "maxSize", "modality", "recurrence.rrule");

		request = Fixtures.groupRequest(patient);
		request.put("minSize", 6);
		request.put("maxSize", 4);
		request.put("recurrence",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-01T18:00:00", "until", "2026-08-01"));
		refused = this.fixtures.createGroup(this.director, this.program, request);
		assertThat(fields(refused)).contains("facilitators[0].therapistId", "maxSize", "recurrence.until");

		request = Fixtures.groupRequest("no-such-user");
		request.put("location", Map.of());
		refused = this.fixtures.createGroup(this.director, this.program, request);
		assertThat(fields(refused)).contains("facilitators[0].therapistId", "location");

		Api.Response zone = this.api.post(this.director, "/api/sessions/programs",
				Map.of("name", "Night program", "timeZone", "Mars/Olympus_Mons"));
		assertThat(zone.status()).isEqualTo(400);
		assertThat(fields(zone)).containsExactly("timeZone");
		Api.Response malformed = this.api.post(this.director, "/api/sessions/programs/" + this.program + "/groups",
				"{\"name\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(this.mongo.count(new Query(), Group.class)).isEqualTo(groups);
	}

	@Test
	void aGroupWithSeveralInvalidFieldsAndAMalformedDateGetsThemAllAtOnce() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("name", " ");
		request.put("maxSize", 0);
		request.put("sessionMinutes", 5);
		request.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-09-31T18:00:00"));

		Api.Response refused = this.fixtures.createGroup(this.director, this.program, request);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		List<String> fields = refused.json("$.errors[*].field");
		assertThat(fields).containsExactlyInAnyOrder("name", "maxSize", "sessionMinutes", "recurrence.start");
		List<String> pointers = refused.json("$.errors[*].pointer");
		assertThat(pointers).containsExactlyInAnyOrder("/name", "/maxSize", "/sessionMinutes", "/recurrence/start");
		List<String> startMessages = refused.json("$.errors[?(@.field == 'recurrence.start')].message");
		assertThat(startMessages).singleElement()
			.asString()
			.startsWith("must be a date and time, local to the program's time zone");
		assertThat(refused.body()).doesNotContain("2026-09-31");
	}

	@Test
	void aMalformedEndDateIsReportedBesideTheRulesOwnErrors() {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("recurrence",
				Map.of("rrule", "FREQ=SOMETIMES", "start", "2026-09-01T18:00:00", "until", "first of May", "count", 0));

		Api.Response refused = this.fixtures.createGroup(this.director, this.program, request);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		List<String> pointers = refused.json("$.errors[*].pointer");
		assertThat(pointers).contains("/recurrence/until", "/recurrence/count", "/recurrence/rrule");
		assertThat(refused.body()).doesNotContain("first of May");
	}

	@Test
	void aChangeToTheRecurrenceIsReportedWithTheOtherInvalidFields() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));

		Api.Response refused = this.api.patch(this.director, "/api/sessions/groups/" + group,
				Map.of("name", "", "sessionMinutes", 1000, "recurrence", Map.of("rrule", "FREQ=DAILY")));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		List<String> fields = refused.json("$.errors[*].field");
		assertThat(fields).containsExactlyInAnyOrder("name", "sessionMinutes", "recurrence");
	}

	@Test
	void namesWithControlCharactersAreRefusedNamingTheField() {
		long groups = this.mongo.count(new Query(), Group.class);
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		request.put("name", "Tuesday\u0000aftercare");
		request.put("location", Map.of("room", "Room\n2"));
		Api.Response refused = this.fixtures.createGroup(this.director, this.program, request);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(fields(refused)).containsExactlyInAnyOrder("name", "location.room");
		assertThat(this.mongo.count(new Query(), Group.class)).isEqualTo(groups);

		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		Api.Response renamed = this.api.patch(this.director, "/api/sessions/groups/" + group,
				Map.of("name", "Bell\u0007group"));
		assertThat(renamed.status()).isEqualTo(400);
		assertThat(fields(renamed)).containsExactly("name");

		Api.Response program = this.api.post(this.director, "/api/sessions/programs",
				Map.of("name", "Night\u0085program", "timeZone", "Europe/Berlin"));
		assertThat(program.status()).isEqualTo(400);
		assertThat(fields(program)).containsExactly("name");
		// letters of every script, marks and symbols are names all the same
		assertThat(this.api
			.post(this.director, "/api/sessions/programs",
					Map.of("name", "Nachsorge für Zoë – 夜間 🌙", "timeZone", "Europe/Berlin"))
			.status()).isEqualTo(201);
	}

	@Test
	void changingTheFacilitatorRebooksEveryFutureSessionOrNone() {
		String group = this.fixtures.group(this.director, this.program, Fixtures.groupRequest(this.therapist.id()));
		Caller busy = this.fixtures.therapist();
		Map<String, Object> busyGroup = Fixtures.groupRequest(busy.id());
		busyGroup.put("recurrence",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-12-01T18:00:00", "count", 1));
		this.fixtures.group(this.director, this.program, busyGroup);
		Api.Response refused = this.api.patch(this.director, "/api/sessions/groups/" + group,
				Map.of("facilitators", List.of(Map.of("therapistId", busy.id(), "role", "LEAD"))));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat((String) this.api.get(this.director, "/api/sessions/groups/" + group)
			.json("$.facilitators[0].therapistId")).isEqualTo(this.therapist.id());
		Caller free = this.fixtures.therapist();
		Api.Response changed = this.api.patch(this.director, "/api/sessions/groups/" + group,
				Map.of("facilitators", List.of(Map.of("therapistId", free.id(), "role", "LEAD"),
						Map.of("therapistId", this.therapist.id(), "role", "CO_FACILITATOR"))));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		// the busy therapist's old slot and the free one's new bookings: a third group at
		// the same
		// time for the new facilitator is refused
		Map<String, Object> clash = Fixtures.groupRequest(free.id());
		clash.put("recurrence", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "start", "2026-10-06T18:00:00", "count", 1));
		assertThat(this.fixtures.createGroup(this.director, this.program, clash).status()).isEqualTo(409);
		assertThat(this.api
			.patch(this.director, "/api/sessions/groups/" + group, Map.of("recurrence", Map.of("rrule", "FREQ=DAILY")))
			.status()).isEqualTo(400);
	}

	/** Starts and completes a session as its facilitator, at the given times. */
	private void heldFromTo(String session, String startedAt, String completedAt) {
		this.clock.set(Instant.parse(startedAt));
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/start", null).status())
			.isEqualTo(200);
		this.clock.set(Instant.parse(completedAt));
		assertThat(this.api.post(this.therapist, "/api/sessions/sessions/" + session + "/complete", null).status())
			.isEqualTo(200);
	}

	private Api.Response extra(String group, String startsAt, String endsAt) {
		return this.api.post(this.therapist, "/api/sessions/groups/" + group + "/sessions",
				Map.of("startsAt", startsAt, "endsAt", endsAt));
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return ((List<Map<String, Object>>) response.json("$.errors")).stream()
			.map((e) -> (String) e.get("field"))
			.toList();
	}

	private long countSessions(String groupId) {
		return this.mongo.count(new Query(Criteria.where("groupId").is(groupId)), Session.class);
	}

}
