package org.therapygroups.sessions.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.sessions.program.Program;
import org.therapygroups.sessions.program.Programs;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Answers dashboard requests from the precomputed group-month figures and group
 * documents, read by id: never from raw attendance. A program's dashboard is four reads
 * whatever its size (the program, its groups at once, its groups' months at once, and the
 * program's directors). Directors see their programs; therapists the groups they
 * facilitate; patients nothing.
 */
@Service
public class Dashboards {

	private static final int BATCH = 500;

	private final MongoTemplate mongo;

	private final Programs programs;

	private final Directory directory;

	private final Clock clock;

	Dashboards(MongoTemplate mongo, Programs programs, Directory directory, Clock clock) {
		this.mongo = mongo;
		this.programs = programs;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Whether a caller may watch a program's figures (and subscribe to its live updates).
	 * @param programId the program
	 * @param actor the caller
	 * @return {@code true} for the program's directors
	 */
	public boolean mayWatchProgram(String programId, Actor actor) {
		Program program = this.mongo.findById(programId, Program.class);
		return program != null && actor.is(Actor.Role.DIRECTOR) && program.isDirectedBy(actor.id());
	}

	/**
	 * Whether a caller may watch a group's figures (and subscribe to its live updates).
	 * @param groupId the group
	 * @param actor the caller
	 * @return {@code true} for its facilitators and its program's directors
	 */
	public boolean mayWatchGroup(String groupId, Actor actor) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		return group != null && mayWatch(group, actor);
	}

	/**
	 * The program a group belongs to, as the read model knows it.
	 * @param groupId the group
	 * @return the program id, or {@code null} if the group is not known (yet)
	 */
	public String programOf(String groupId) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		return (group != null) ? group.programId() : null;
	}

	/**
	 * The facilitators of a group, as the read model knows them.
	 * @param groupId the group
	 * @return their ids, lead first; empty if the group is not known (yet)
	 */
	public List<String> facilitatorsOf(String groupId) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		return (group != null) ? group.facilitatorIds() : List.of();
	}

	private boolean mayWatch(GroupModel group, Actor actor) {
		if (actor.is(Actor.Role.THERAPIST)) {
			return group.facilitatorIds().contains(actor.id());
		}
		return actor.is(Actor.Role.DIRECTOR) && group.programId() != null && mayWatchProgram(group.programId(), actor);
	}

	ProgramView program(String programId, Selection selection, Actor actor) {
		Program program = readableProgram(programId, actor);
		List<GroupModel> groups = groupsOf(programId, selection);
		Map<String, List<Map.Entry<String, GroupMonth.SessionFigures>>> sessions = sessionEntries(groups, selection);
		Tally total = new Tally();
		Map<String, Tally> periods = new TreeMap<>();
		List<ProgramView.GroupRow> rows = new ArrayList<>();
		Instant now = this.clock.instant();
		for (GroupModel group : groups) {
			Tally ofGroup = new Tally();
			for (Map.Entry<String, GroupMonth.SessionFigures> entry : sessions.get(group.id())) {
				GroupMonth.SessionFigures session = entry.getValue();
				total.add(session, now);
				ofGroup.add(session, now);
				periods
					.computeIfAbsent(selection.periodStart(session.day()) + " " + selection.periodOf(session.day()),
							(k) -> new Tally())
					.add(session, now);
			}
			rows.add(new ProgramView.GroupRow(group.id(), group.name(), group.modality(), group.facilitatorIds(),
					ofGroup.figures(members(List.of(group), selection, program.zone(), now))));
		}
		return new ProgramView(programId, program.name(), selection.from(), selection.to(), selection.groupBy().name(),
				total.figures(members(groups, selection, program.zone(), now)), periodRows(periods), rows);
	}

	GroupDashboard group(String groupId, Selection selection, Actor actor) {
		GroupModel group = readableGroup(groupId, actor);
		Tally total = new Tally();
		Map<String, Tally> periods = new TreeMap<>();
		List<GroupDashboard.SessionRow> rows = new ArrayList<>();
		Instant now = this.clock.instant();
		for (Map.Entry<String, GroupMonth.SessionFigures> entry : sessionEntries(List.of(group), selection)
			.get(group.id())) {
			GroupMonth.SessionFigures session = entry.getValue();
			total.add(session, now);
			periods
				.computeIfAbsent(selection.periodStart(session.day()) + " " + selection.periodOf(session.day()),
						(k) -> new Tally())
				.add(session, now);
			rows.add(new GroupDashboard.SessionRow(entry.getKey(), session.startsAt(), session.day(), session.status(),
					Figures.of(session.counts(), session.noteOverdue(now) ? 1 : 0, null)));
		}
		return new GroupDashboard(group.id(), group.programId(), group.name(), group.modality(), group.facilitatorIds(),
				group.maxSize(), selection.from(), selection.to(), selection.groupBy().name(),
				total.figures(members(List.of(group), selection, group.zone(), now)), periodRows(periods), rows);
	}

	SessionDashboard session(String sessionId, Actor actor) {
		SessionModel session = this.mongo.findById(sessionId, SessionModel.class);
		if (session == null) {
			throw ApiProblem.notFound("Session " + sessionId);
		}
		GroupModel group = readableGroup(session.groupId(), actor);
		List<SessionDashboard.MemberRow> members = new ArrayList<>();
		session.attendance()
			.forEach((patientId, seat) -> members
				.add(new SessionDashboard.MemberRow(patientId, name(patientId), seat.status(), seat.version())));
		members.sort(Comparator.comparing(SessionDashboard.MemberRow::name, Comparator.nullsLast(String::compareTo)));
		Counts counts = Counts.of(session, group.maxSize());
		boolean overdue = counts.notesUnsigned() > 0 && session.note() != null && session.note().deadline() != null
				&& session.note().deadline().isBefore(this.clock.instant());
		return new SessionDashboard(session.id(), group.id(), group.programId(), session.startsAt(), session.endsAt(),
				session.status(), (session.note() != null) ? session.note().status() : null,
				(session.note() != null) ? session.note().deadline() : null, Figures.of(counts, overdue ? 1 : 0, null),
				members);
	}

	MemberDashboard member(String groupId, String patientId, Actor actor) {
		GroupModel group = readableGroup(groupId, actor);
		MemberModel member = this.mongo.findById(MemberModel.key(groupId, patientId), MemberModel.class);
		if (member == null) {
			throw ApiProblem.notFound("Member " + patientId + " of group " + groupId);
		}
		List<MemberDashboard.VisitRow> visits = new ArrayList<>();
		long attended = 0;
		long missed = 0;
		for (Map.Entry<String, MemberModel.Visit> visit : member.visits().entrySet()) {
			if (visit.getValue().startsAt() == null) {
				continue;
			}
			attended += visit.getValue().attended() ? 1 : 0;
			missed += visit.getValue().missed() ? 1 : 0;
			visits.add(new MemberDashboard.VisitRow(visit.getKey(), visit.getValue().startsAt(),
					visit.getValue().status()));
		}
		visits.sort(Comparator.comparing(MemberDashboard.VisitRow::startsAt));
		return new MemberDashboard(group.id(), group.programId(), patientId, name(patientId), member.status(),
				member.since(), attended, missed, Figures.ratio(attended, attended + missed), member.lastAttendedAt(),
				visits);
	}

	/** The rows of the CSV export: one per group and period, in a stable order. */
	List<ExportRow> export(String programId, Selection selection, Actor actor) {
		readableProgram(programId, actor);
		List<ExportRow> rows = new ArrayList<>();
		Instant now = this.clock.instant();
		List<GroupModel> groups = groupsOf(programId, selection);
		Map<String, List<Map.Entry<String, GroupMonth.SessionFigures>>> sessions = sessionEntries(groups, selection);
		for (GroupModel group : groups) {
			Map<String, Tally> periods = new TreeMap<>();
			for (Map.Entry<String, GroupMonth.SessionFigures> entry : sessions.get(group.id())) {
				GroupMonth.SessionFigures session = entry.getValue();
				periods
					.computeIfAbsent(selection.periodStart(session.day()) + " " + selection.periodOf(session.day()),
							(k) -> new Tally())
					.add(session, now);
			}
			periods.forEach((key, tally) -> rows.add(new ExportRow(programId, group.id(), group.name(),
					group.modality(), LocalDate.parse(key.substring(0, 10)), key.substring(11), tally.figures(null))));
		}
		return rows;
	}

	private Program readableProgram(String programId, Actor actor) {
		if (!actor.is(Actor.Role.DIRECTOR)) {
			throw ApiProblem.forbidden("Program dashboards are for the program's directors.");
		}
		return this.programs.directedBy(programId, actor);
	}

	private GroupModel readableGroup(String groupId, Actor actor) {
		if (actor.is(Actor.Role.PATIENT)) {
			throw ApiProblem.forbidden("Dashboards are for staff.");
		}
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		if (group == null) {
			throw ApiProblem.notFound("Group " + groupId);
		}
		if (!mayWatch(group, actor)) {
			throw ApiProblem.forbidden("Only the group's facilitators and its program's directors see its figures.");
		}
		return group;
	}

	/**
	 * The program's groups that the selection accepts, in one read by id ({@code $in} on
	 * {@code _id}, which every MongoDB-compatible server answers from its index).
	 */
	private List<GroupModel> groupsOf(String programId, Selection selection) {
		ProgramModel program = this.mongo.findById(programId, ProgramModel.class);
		List<GroupModel> groups = new ArrayList<>();
		if (program != null) {
			for (GroupModel group : byIds(new ArrayList<>(program.groupIds()), GroupModel.class)) {
				if (selection.accepts(group)) {
					groups.add(group);
				}
			}
		}
		groups.sort(Comparator.comparing(GroupModel::name, Comparator.nullsLast(String::compareTo))
			.thenComparing(GroupModel::id));
		return groups;
	}

	/**
	 * The figures of the groups' sessions in the selection, by group id, each group's in
	 * order of time: the group-month documents of every group and month of the selection
	 * read at once by id.
	 */
	private Map<String, List<Map.Entry<String, GroupMonth.SessionFigures>>> sessionEntries(List<GroupModel> groups,
			Selection selection) {
		Map<String, List<Map.Entry<String, GroupMonth.SessionFigures>>> sessions = new LinkedHashMap<>();
		List<String> keys = new ArrayList<>();
		for (GroupModel group : groups) {
			sessions.put(group.id(), new ArrayList<>());
			for (YearMonth month : selection.months()) {
				keys.add(GroupMonth.key(group.id(), month));
			}
		}
		for (GroupMonth figures : byIds(keys, GroupMonth.class)) {
			List<Map.Entry<String, GroupMonth.SessionFigures>> ofGroup = sessions.get(figures.groupId());
			if (ofGroup == null) {
				continue;
			}
			for (Map.Entry<String, GroupMonth.SessionFigures> session : figures.sessions().entrySet()) {
				if (selection.covers(session.getValue().day())) {
					ofGroup.add(session);
				}
			}
		}
		for (List<Map.Entry<String, GroupMonth.SessionFigures>> ofGroup : sessions.values()) {
			ofGroup
				.sort(Comparator.comparing((Map.Entry<String, GroupMonth.SessionFigures> e) -> e.getValue().startsAt())
					.thenComparing(Map.Entry::getKey));
		}
		return sessions;
	}

	/** Documents by id, a few hundred ids per query. */
	private <T> List<T> byIds(List<String> ids, Class<T> type) {
		List<T> found = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			found.addAll(this.mongo.find(Query.query(Criteria.where("_id").in(batch)), type));
		}
		return found;
	}

	static Figures.MemberFigures members(List<GroupModel> groups, Selection selection, ZoneId zone, Instant now) {
		long newMembers = 0;
		long active = 0;
		long waitlist = 0;
		long[] eligible = new long[3];
		long[] retained = new long[3];
		long promoted = 0;
		long waitedSeconds = 0;
		for (GroupModel group : groups) {
			for (GroupModel.Episode episode : group.episodes().values()) {
				if (episode.member()) {
					active++;
				}
				if ("WAITLISTED".equals(episode.status())) {
					waitlist++;
				}
				if (episode.joinedAt() == null) {
					continue;
				}
				LocalDate joined = episode.joinedAt().atZone(zone).toLocalDate();
				if (!selection.covers(joined)) {
					continue;
				}
				newMembers++;
				if (episode.waitlistedAt() != null) {
					promoted++;
					waitedSeconds += Duration.between(episode.waitlistedAt(), episode.joinedAt()).toSeconds();
				}
				for (int i = 0; i < 3; i++) {
					Instant mark = episode.joinedAt().plus(Duration.ofDays(28L * (i + 1)));
					if (!mark.isAfter(now)) {
						eligible[i]++;
						if (episode.endedAt() == null || !episode.endedAt().isBefore(mark)) {
							retained[i]++;
						}
					}
				}
			}
		}
		return new Figures.MemberFigures(newMembers, active, Figures.ratio(retained[0], eligible[0]),
				Figures.ratio(retained[1], eligible[1]), Figures.ratio(retained[2], eligible[2]), waitlist,
				(promoted == 0) ? null : Math.round(waitedSeconds / 86400.0 / promoted * 10) / 10.0);
	}

	private static List<ProgramView.PeriodRow> periodRows(Map<String, Tally> periods) {
		List<ProgramView.PeriodRow> rows = new ArrayList<>();
		periods.forEach((key, tally) -> rows.add(new ProgramView.PeriodRow(key.substring(11),
				LocalDate.parse(key.substring(0, 10)), tally.figures(null))));
		return rows;
	}

	private String name(String userId) {
		return this.directory.find(userId).map(DirectoryUser::displayName).orElse(null);
	}

	/** Sums session figures. */
	static final class Tally {

		private Counts counts = Counts.ZERO;

		private long overdue;

		void add(GroupMonth.SessionFigures session, Instant now) {
			this.counts = this.counts.plus(session.counts());
			this.overdue += session.noteOverdue(now) ? 1 : 0;
		}

		Figures figures(Figures.MemberFigures members) {
			return Figures.of(this.counts, this.overdue, members);
		}

	}

	/**
	 * One CSV row.
	 *
	 * @param programId the program
	 * @param groupId the group
	 * @param groupName its name
	 * @param modality its modality
	 * @param periodStart the first day of the period
	 * @param period the period's label
	 * @param figures the figures
	 */
	record ExportRow(String programId, String groupId, String groupName, String modality, LocalDate periodStart,
			String period, Figures figures) {
	}

}
