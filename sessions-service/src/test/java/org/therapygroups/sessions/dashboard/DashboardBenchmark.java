package org.therapygroups.sessions.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.therapygroups.sessions.program.Program;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.sessions.support.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bench dashboards}: attendance rows over two years (1,000,000 by default,
 * {@code -Dbench.rows=N} to shrink it), written as the read model holds them and as raw
 * attendance rows. Prints the dashboard query (a program's last quarter by week) from the
 * read model against the same answer aggregated from the raw rows, and how fast the
 * projection applies attendance events (the work of a rebuild without the broker). Not
 * part of {@code ./test} (the class name does not end in Tests).
 */
@ServiceTest
class DashboardBenchmark {

	private static final String[] STATUSES = { "PRESENT", "PRESENT", "PRESENT", "PRESENT", "PRESENT", "LATE",
			"LEFT_EARLY", "NO_SHOW", "NO_SHOW", "EXCUSED", "LATE_CANCELLATION", "CANCELLED_BY_PATIENT" };

	private static final int MEMBERS = 12;

	private static final int GROUPS_PER_PROGRAM = 12;

	private static final int WEEKS = 104;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Dashboards dashboards;

	@Autowired
	private DashboardProjection projection;

	@Test
	void dashboards() {
		long rows = Long.getLong("bench.rows", 1_000_000);
		int groups = (int) Math.max(1, rows / ((long) WEEKS * MEMBERS));
		int programs = Math.max(1, groups / GROUPS_PER_PROGRAM);
		ZoneId zone = ZoneId.of("Europe/Berlin");
		Instant start = Instant.parse("2024-12-03T17:00:00Z");
		Random random = new Random(42);
		String director = "bench-director";
		long written = 0;
		List<Document> raw = new ArrayList<>();
		long t0 = System.nanoTime();
		for (int p = 0; p < programs; p++) {
			String programId = "bench-program-" + p;
			this.mongo.save(new Program(programId, "Bench " + p, zone.getId(), List.of(director), start));
			ProgramModel program = new ProgramModel(programId, null);
			for (int g = p * GROUPS_PER_PROGRAM; g < Math.min(groups, (p + 1) * GROUPS_PER_PROGRAM); g++) {
				String groupId = "bench-group-" + g;
				program.groupIds().add(groupId);
				GroupModel group = new GroupModel(groupId, programId, "Group " + g,
						(g % 2 == 0) ? "CBT" : "PSYCHODYNAMIC", zone.getId(), List.of("bench-therapist-" + (g % 20)),
						MEMBERS, null);
				this.mongo.save(group);
				Map<String, GroupMonth> months = new HashMap<>();
				for (int w = 0; w < WEEKS; w++) {
					Instant startsAt = start.plus(Duration.ofDays(7L * w + (g % 5)));
					SessionModel session = SessionModel.empty(groupId + "-" + w, groupId)
						.scheduled(startsAt, startsAt.plus(Duration.ofMinutes(90)))
						.withStatus(SessionModel.COMPLETED);
					for (int m = 0; m < MEMBERS; m++) {
						String status = STATUSES[random.nextInt(STATUSES.length)];
						String patientId = "patient-" + g + "-" + m;
						session = session.attended(patientId, status, 1);
						raw.add(new Document("programId", programId).append("groupId", groupId)
							.append("patientId", patientId)
							.append("sessionId", session.id())
							.append("day", startsAt.atZone(zone).toLocalDate().toString())
							.append("capacity", MEMBERS)
							.append("status", status));
						written++;
					}
					String key = GroupMonth.key(groupId, java.time.YearMonth.from(startsAt.atZone(zone)));
					months.computeIfAbsent(key, (k) -> new GroupMonth(k, programId, groupId, null))
						.sessions()
						.put(session.id(), DashboardProjection.figures(session, group));
				}
				this.mongo.insertAll(months.values());
				if (raw.size() >= 20_000) {
					this.mongo.getCollection("bench_raw_attendance").insertMany(raw);
					raw.clear();
				}
			}
			this.mongo.save(program);
		}
		if (!raw.isEmpty()) {
			this.mongo.getCollection("bench_raw_attendance").insertMany(raw);
		}
		double loadSeconds = (System.nanoTime() - t0) / 1e9;

		Actor actor = Actor.as(director, Actor.Role.DIRECTOR);
		LocalDate to = start.plus(Duration.ofDays(7L * WEEKS - 1)).atZone(zone).toLocalDate();
		Selection quarter = Selection.parse(to.minusWeeks(13).plusDays(1).toString(), to.toString(), "week", null, null,
				null, to);
		int runs = 40;
		long[] model = new long[runs];
		long[] scan = new long[runs];
		long modelAttended = 0;
		long rawAttended = 0;
		for (int i = 0; i < runs + 5; i++) {
			String programId = "bench-program-" + (i % programs);
			long a = System.nanoTime();
			ProgramView view = this.dashboards.program(programId, quarter, actor);
			long b = System.nanoTime();
			Counts fromRaw = fromRaw(programId, quarter);
			long c = System.nanoTime();
			if (i >= 5) {
				model[i - 5] = b - a;
				scan[i - 5] = c - b;
			}
			modelAttended += view.totals().attended();
			rawAttended += fromRaw.attended();
		}
		assertThat(modelAttended).as("the read model and the raw rows give the same answer").isEqualTo(rawAttended);

		int applied = (int) Math.min(20_000, Math.max(1_000, rows / 50));
		long r0 = System.nanoTime();
		for (int i = 0; i < applied; i++) {
			int g = i % groups;
			int w = (i / groups / MEMBERS) % WEEKS;
			this.projection.attendance("bench-group-" + g + "-" + w, "bench-group-" + g,
					"patient-" + g + "-" + (i / groups) % MEMBERS, STATUSES[i % STATUSES.length], 2);
		}
		double applySeconds = (System.nanoTime() - r0) / 1e9;

		System.out.println();
		System.out.println("== dashboards benchmark ==");
		System.out.printf("attendance rows: %,d in %d programs, %d groups, %d weeks (loaded in %.1f s)%n", written,
				programs, groups, WEEKS, loadSeconds);
		System.out.printf("program dashboard, last 13 weeks by week, read model: p50 %.1f ms, p95 %.1f ms%n",
				percentile(model, 50), percentile(model, 95));
		System.out.printf("same answer aggregated from raw attendance rows: p50 %.1f ms, p95 %.1f ms%n",
				percentile(scan, 50), percentile(scan, 95));
		System.out.printf("ratio (raw / read model) at p50: %.1fx, at p95: %.1fx%n",
				percentile(scan, 50) / percentile(model, 50), percentile(scan, 95) / percentile(model, 95));
		System.out.printf("projection applying attendance events (rebuild work without the broker): %,.0f rows/s%n",
				applied / applySeconds);
	}

	private Counts fromRaw(String programId, Selection selection) {
		Query query = Query.query(Criteria.where("programId")
			.is(programId)
			.and("day")
			.gte(selection.from().toString())
			.lte(selection.to().toString()));
		Map<String, SessionModel> sessions = new HashMap<>();
		for (Document row : this.mongo.find(query, Document.class, "bench_raw_attendance")) {
			String sessionId = row.getString("sessionId");
			SessionModel session = sessions.computeIfAbsent(sessionId,
					(id) -> SessionModel.empty(id, row.getString("groupId")).withStatus(SessionModel.COMPLETED));
			sessions.put(sessionId, session.attended(row.getString("patientId"), row.getString("status"), 1));
		}
		Counts total = Counts.ZERO;
		for (SessionModel session : sessions.values()) {
			total = total.plus(Counts.of(session, MEMBERS));
		}
		return total;
	}

	static double percentile(long[] nanos, int p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
