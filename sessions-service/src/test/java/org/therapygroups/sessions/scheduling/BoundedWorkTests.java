package org.therapygroups.sessions.scheduling;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.support.Api;
import org.therapygroups.sessions.support.Caller;
import org.therapygroups.sessions.support.Fixtures;
import org.therapygroups.sessions.support.MutableClock;
import org.therapygroups.sessions.support.ServiceTest;
import org.therapygroups.sessions.support.ServiceTestConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request creates, books and ends a bounded number of sessions, and rules or dates
 * the server cannot work with are a 400 naming the field, never a 500.
 */
@ServiceTest
class BoundedWorkTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MutableClock clock;

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
	void aRuleFiringEveryQuarterHourIsRefusedNamingTheLimitAndNothingIsStored() {
		Map<String, Object> request = withRecurrence(
				"FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17,18,19,20" + ";BYMINUTE=0,15,30,45",
				"2026-09-01T18:00:00");
		long before = this.mongo.count(new Query(), Session.class);
		Api.Response response = this.fixtures.createGroup(this.director, this.program, request);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat((String) response.json("$.errors[0].field")).isEqualTo("recurrence.rrule");
		assertThat((String) response.json("$.errors[0].message")).contains("500")
			.contains("therapy.sessions.max-sessions-per-group");
		assertThat(this.mongo.count(new Query(), Session.class)).isEqualTo(before);
	}

	@Test
	void aDailyGroupOverTheWholeHorizonStaysWithinTheLimitAndEndsInOneRequest() {
		String group = this.fixtures.group(this.director, this.program,
				withRecurrence("FREQ=DAILY", "2026-09-01T18:00:00"));
		assertThat(this.mongo.count(Query.query(Criteria.where("groupId").is(group)), Session.class)).isEqualTo(183);
		Api.Response ended = this.api.post(this.director, "/api/sessions/groups/" + group + "/end",
				Map.of("outcome", "CANCELLED", "reason", "merged"));
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		assertThat(this.mongo.count(Query.query(Criteria.where("groupId").is(group).and("status").is("SCHEDULED")),
				Session.class))
			.isZero();
	}

	@Test
	void rulesAndDatesTheServerCannotUseAreBadInput() {
		// valid alone, broken once the server appends COUNT: now tolerated
		Map<String, Object> trailing = withRecurrence("FREQ=DAILY;", "2026-09-01T18:00:00");
		recurrence(trailing).put("count", 3);
		assertThat(this.fixtures.createGroup(this.director, this.program, trailing).status()).isEqualTo(201);
		for (String start : List.of("999999999-09-01T18:00:00", "+999999999-09-01T18:00:00", "1900-09-04T18:00:00",
				"2040-09-04T18:00:00")) {
			Api.Response response = this.fixtures.createGroup(this.director, this.program,
					withRecurrence("FREQ=WEEKLY;BYDAY=TU", start));
			assertThat(response.status()).as(start + " " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		for (String from : List.of("%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z")) {
			Api.Response response = this.api.get(this.director,
					"/api/sessions/groups/any/sessions?from=" + from + "&to=2027-01-01T00:00:00Z");
			assertThat(response.status()).as(from + " " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	private Map<String, Object> withRecurrence(String rrule, String start) {
		Map<String, Object> request = Fixtures.groupRequest(this.therapist.id());
		recurrence(request).put("rrule", rrule);
		recurrence(request).put("start", start);
		return request;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> recurrence(Map<String, Object> request) {
		return (Map<String, Object>) request.get("recurrence");
	}

}
