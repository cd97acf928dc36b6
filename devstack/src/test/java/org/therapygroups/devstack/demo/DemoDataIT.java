package org.therapygroups.devstack.demo;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.Http;
import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;
import org.therapygroups.devstack.demo.DemoReport.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run --demo} end to end on the real stack, at a smaller size (three groups,
 * thirty patients, eight weeks): the director's dashboard shows held sessions, attendance
 * and no-shows, an engagement alert is open, a group has a waitlist, some notes are
 * overdue; a second load creates nothing and leaves every figure as it was.
 */
@ExtendWith(RunningStack.class)
class DemoDataIT {

	private static final DemoSize SIZE = new DemoSize(3, 30, 8);

	@Test
	void loadsAProgramWithAHistoryAndASecondLoadCreatesNothing() throws InterruptedException {
		DemoReport first = new DemoData(RunningStack.config(), SIZE, System.out).load();
		first.print(System.out);
		assertThat(first.created(Kind.STAFF)).isEqualTo(DemoProgram.THERAPISTS.size());
		assertThat(first.created(Kind.PATIENTS)).isEqualTo(30);
		assertThat(first.created(Kind.GROUPS)).isEqualTo(3);
		assertThat(first.created(Kind.WAITLISTED)).isPositive();
		assertThat(first.created(Kind.SESSIONS)).isGreaterThanOrEqualTo(3 * 6);
		assertThat(first.created(Kind.ATTENDANCE)).isGreaterThan(first.created(Kind.SESSIONS) * 3);
		String programId = first.programId();
		String director = Tokens.forUser("director1");

		JsonNode totals = dashboard(programId, director);
		assertThat(totals.path("sessionsHeld").asLong()).isEqualTo(first.created(Kind.SESSIONS));
		assertThat(totals.path("attended").asLong()).isPositive();
		assertThat(totals.path("noShow").asLong()).isPositive();
		assertThat(totals.path("attendanceRate").asDouble()).isBetween(0.6, 0.97);
		assertThat(totals.path("sessionsCancelled").asLong()).isPositive();

		int alerts = openAlerts(programId, director);
		assertThat(alerts).as("open engagement alerts").isPositive();

		int waitlisted = 0;
		for (JsonNode group : Http.json(get("/api/sessions/groups", director))) {
			if (group.path("programId").asText().equals(programId)) {
				waitlisted += group.path("waitlisted").asInt();
			}
		}
		assertThat(waitlisted).isEqualTo(first.created(Kind.WAITLISTED));

		JsonNode documentation = Http.json(get("/api/notes/documentation-status?programId=" + programId, director));
		assertThat(documentation.path("overdue").asInt()).as("overdue notes").isPositive();
		assertThat(documentation.path("signed").asInt()).isEqualTo(first.created(Kind.NOTES_SIGNED));

		DemoReport second = new DemoData(RunningStack.config(), SIZE, System.out).load();
		second.print(System.out);
		assertThat(second.totalCreated()).isZero();
		assertThat(second.programId()).isEqualTo(programId);
		for (Kind kind : Kind.values()) {
			if (kind != Kind.ATTENDANCE && kind != Kind.NOTES_OPEN) {
				assertThat(second.existing(kind)).as(kind.name()).isEqualTo(first.created(kind));
			}
		}
		assertThat(second.existing(Kind.NOTES_OPEN)).isEqualTo(first.existing(Kind.NOTES_OPEN));
		JsonNode again = dashboard(programId, director);
		for (String figure : new String[] { "sessionsHeld", "sessionsCancelled", "attended", "noShow", "excused" }) {
			assertThat(again.path(figure).asLong()).as(figure).isEqualTo(totals.path(figure).asLong());
		}
		assertThat(openAlerts(programId, director)).isEqualTo(alerts);
		JsonNode documentedAgain = Http.json(get("/api/notes/documentation-status?programId=" + programId, director));
		assertThat(documentedAgain.path("sessions").asInt()).isEqualTo(documentation.path("sessions").asInt());
		assertThat(documentedAgain.path("signed").asInt()).isEqualTo(documentation.path("signed").asInt());
	}

	/** The program's totals over the loaded weeks, once they count every held session. */
	private static JsonNode dashboard(String programId, String director) throws InterruptedException {
		LocalDate to = LocalDate.now(ZoneId.of(DemoProgram.TIME_ZONE));
		String path = "/api/sessions/dashboards/programs/" + programId + "?from=" + to.minusWeeks(SIZE.weeks() + 1)
				+ "&to=" + to + "&groupBy=none";
		HttpResponse<String> response = get(path, director);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response).path("totals");
	}

	/** Open alerts; the rules run as the dashboards take in the events, so this waits. */
	private static int openAlerts(String programId, String director) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		int open = 0;
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> response = get("/api/sessions/alerts?programId=" + programId + "&status=OPEN",
					director);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			open = Http.json(response).size();
			if (open > 0) {
				return open;
			}
			Thread.sleep(1000);
		}
		return open;
	}

	private static HttpResponse<String> get(String path, String token) {
		return Http.get(RunningStack.config().gatewayUrl() + path, token);
	}

}
