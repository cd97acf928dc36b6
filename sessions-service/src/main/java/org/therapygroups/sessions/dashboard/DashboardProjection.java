package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupDefinition;

/**
 * Writes sessions and notes events into the dashboards' read model. Every step reads and
 * writes documents by id (the default database serves only those from an index) and sets
 * values rather than adding to them (attendance events are applied together: the
 * sessions, groups and members they touch read with one query each and written with one
 * command each; the session's entry in its group-month document is set by an upsert
 * without reading the month): the group-month figures are recomputed from the session
 * document, so an event handled twice, or a crash between two writes followed by a retry,
 * leaves the same figures. One group's events arrive in order on one partition and one
 * consumer thread handles them, so no two writers race on a document.
 */
@Component
class DashboardProjection {

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher publisher;

	DashboardProjection(MongoTemplate mongo, ApplicationEventPublisher publisher) {
		this.mongo = mongo;
		this.publisher = publisher;
	}

	void groupDefined(String groupId, GroupDefinition definition) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		if (group == null) {
			group = new GroupModel(groupId, null, null, null, null, null, null, null);
		}
		this.mongo
			.save(group.defined(definition.programId(), definition.name(), definition.modality(), definition.timeZone(),
					definition.facilitators().stream().map(Facilitator::therapistId).toList(), definition.maxSize()));
		ProgramModel program = this.mongo.findById(definition.programId(), ProgramModel.class);
		if (program == null) {
			program = new ProgramModel(definition.programId(), null);
		}
		if (program.groupIds().add(groupId)) {
			this.mongo.save(program);
		}
	}

	void sessionScheduled(String sessionId, String groupId, Instant startsAt, Instant endsAt) {
		change(sessionId, groupId, (session) -> session.scheduled(startsAt, endsAt));
	}

	void sessionStatus(String sessionId, String groupId, String status) {
		change(sessionId, groupId, (session) -> session.withStatus(status));
	}

	void sessionCompleted(String sessionId, String groupId, Instant startsAt, Instant endsAt) {
		change(sessionId, groupId, (session) -> {
			SessionModel completed = session.withStatus(SessionModel.COMPLETED);
			if (completed.startsAt() == null) {
				completed = completed.scheduled(startsAt, endsAt);
			}
			return (completed.note() == null) ? completed.withNote(SessionModel.Note.due(endsAt)) : completed;
		});
	}

	void attendance(String sessionId, String groupId, String patientId, String status, int version) {
		attendance(List.of(new Attended(sessionId, groupId, patientId, status, version)));
	}

	/**
	 * Applies attendance events together, in their order: each session, group and member
	 * they touch is read once (one query per kind), changed in memory by every event for
	 * it, and written once, the writes of a kind in one command. A roster of ten members
	 * is then one write of the session instead of ten, and the default database commits
	 * once per command. The documents written are the ones the events applied one by one
	 * would leave; a member changed by several sessions is announced once, with the last.
	 * @param events attendance events, as they came from one group's partition
	 */
	void attendance(List<Attended> events) {
		if (events.isEmpty()) {
			return;
		}
		Map<String, GroupModel> groups = byId(GroupModel.class, GroupModel::id,
				events.stream().map(Attended::groupId).toList());
		Map<String, SessionModel> sessions = byId(SessionModel.class, SessionModel::id,
				events.stream().map(Attended::sessionId).toList());
		Map<String, Attended> lastOfMember = new LinkedHashMap<>();
		Map<String, Set<String>> sessionsOfMember = new LinkedHashMap<>();
		for (Attended event : events) {
			SessionModel session = sessions.get(event.sessionId());
			session = (session != null) ? session : SessionModel.empty(event.sessionId(), event.groupId());
			sessions.put(event.sessionId(), session.attended(event.patientId(), event.status(), event.version()));
			String member = MemberModel.key(event.groupId(), event.patientId());
			lastOfMember.remove(member);
			lastOfMember.put(member, event);
			sessionsOfMember.computeIfAbsent(member, (key) -> new LinkedHashSet<>()).add(event.sessionId());
		}
		BulkOperations months = this.mongo.bulkOps(BulkMode.ORDERED, GroupMonth.class);
		BulkOperations sessionWrites = this.mongo.bulkOps(BulkMode.ORDERED, SessionModel.class);
		Set<String> touched = new LinkedHashSet<>(events.stream().map(Attended::sessionId).toList());
		boolean anyMonth = false;
		for (String sessionId : touched) {
			SessionModel session = sessions.get(sessionId);
			GroupModel group = groups.get(session.groupId());
			anyMonth |= countable(session, group);
			session = counted(session, group, months);
			sessions.put(sessionId, session);
			sessionWrites.replaceOne(byId(sessionId), session, FindAndReplaceOptions.options().upsert());
		}
		Map<String, MemberModel> stored = byId(MemberModel.class, MemberModel::id, lastOfMember.keySet());
		BulkOperations memberWrites = this.mongo.bulkOps(BulkMode.ORDERED, MemberModel.class);
		List<MemberChanged> changes = new ArrayList<>();
		lastOfMember.forEach((key, last) -> {
			MemberModel before = stored.get(key);
			GroupModel group = groups.get(last.groupId());
			MemberModel member = (before != null) ? before : new MemberModel(key, last.groupId(),
					(group != null) ? group.programId() : null, last.patientId(), "ACTIVE", null, null);
			Map<String, MemberModel.Visit> visits = new LinkedHashMap<>(member.visits());
			for (String sessionId : sessionsOfMember.get(key)) {
				SessionModel session = sessions.get(sessionId);
				visits.put(sessionId,
						new MemberModel.Visit(session.startsAt(), session.attendance().get(last.patientId()).status()));
			}
			MemberModel after = new MemberModel(key, last.groupId(), member.programId(), last.patientId(),
					member.status(), member.since(), visits);
			memberWrites.replaceOne(byId(key), after, FindAndReplaceOptions.options().upsert());
			changes.add(new MemberChanged(before, after, last.sessionId()));
		});
		if (anyMonth) {
			months.execute();
		}
		sessionWrites.execute();
		memberWrites.execute();
		changes.forEach(this.publisher::publishEvent);
	}

	void noteDrafted(String sessionId, String groupId, Instant sessionEndsAt) {
		change(sessionId, groupId, (session) -> {
			SessionModel.Note note = session.note();
			if (note != null && note.signedAt() != null) {
				return session;
			}
			Instant deadline = (sessionEndsAt != null) ? sessionEndsAt.plus(SessionModel.NOTE_DUE)
					: (note != null) ? note.deadline() : null;
			return session.withNote(new SessionModel.Note("DRAFT", deadline, null));
		});
	}

	void noteSigned(String sessionId, String groupId, Instant sessionEndsAt, Instant signedAt) {
		change(sessionId, groupId, (session) -> {
			SessionModel.Note note = session.note();
			Instant deadline = (sessionEndsAt != null) ? sessionEndsAt.plus(SessionModel.NOTE_DUE)
					: (note != null) ? note.deadline() : null;
			return session.withNote(new SessionModel.Note("SIGNED", deadline, signedAt));
		});
	}

	void noteVoided(String sessionId, String groupId) {
		change(sessionId, groupId, (session) -> {
			SessionModel.Note note = session.note();
			return session.withNote(new SessionModel.Note("VOIDED", (note != null) ? note.deadline() : null, null));
		});
	}

	void membership(String episodeId, String groupId, String patientId, String status, Instant at) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		if (group == null) {
			group = new GroupModel(groupId, null, null, null, null, null, null, null);
		}
		GroupModel.Episode episode = group.episodes().get(episodeId);
		Instant waitlistedAt = (episode != null) ? episode.waitlistedAt() : null;
		Instant joinedAt = (episode != null) ? episode.joinedAt() : null;
		Instant endedAt = (episode != null) ? episode.endedAt() : null;
		switch (status) {
			case "WAITLISTED" -> waitlistedAt = at;
			case "ACTIVE" -> joinedAt = (joinedAt != null) ? joinedAt : at;
			case "LEFT", "DISCHARGED" -> endedAt = at;
			default -> {
				// on hold: still a member
			}
		}
		this.mongo.save(group.withEpisode(episodeId,
				new GroupModel.Episode(patientId, status, waitlistedAt, joinedAt, endedAt)));
		MemberModel before = this.mongo.findById(MemberModel.key(groupId, patientId), MemberModel.class);
		MemberModel after = new MemberModel(MemberModel.key(groupId, patientId), groupId, group.programId(), patientId,
				status, (joinedAt != null) ? joinedAt : at, (before != null) ? before.visits() : null);
		this.mongo.save(after);
		this.publisher.publishEvent(new MemberChanged(before, after, null));
	}

	/**
	 * Applies a change to a session document and sets its figures in its group-month
	 * document.
	 */
	private void change(String sessionId, String groupId, UnaryOperator<SessionModel> change) {
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		SessionModel stored = this.mongo.findById(sessionId, SessionModel.class);
		SessionModel session = change.apply((stored != null) ? stored : SessionModel.empty(sessionId, groupId));
		if (countable(session, group)) {
			BulkOperations months = this.mongo.bulkOps(BulkMode.ORDERED, GroupMonth.class);
			session = counted(session, group, months);
			months.execute();
		}
		this.mongo.save(session);
	}

	/**
	 * Sets the session's figures in its group-month document with one upsert of that
	 * session's entry (queued on {@code months}): no read of the month, and a value set
	 * rather than added, so a repeated event leaves the same figures. A session moved to
	 * another month leaves the old one.
	 * @param group the group as the read model knows it, or {@code null} (then the
	 * session is counted nowhere yet)
	 * @return the session, with the month it is counted in
	 */
	private static SessionModel counted(SessionModel session, GroupModel group, BulkOperations months) {
		if (!countable(session, group)) {
			return session;
		}
		String key = GroupMonth.key(session.groupId(), YearMonth.from(session.startsAt().atZone(group.zone())));
		if (session.monthKey() != null && !session.monthKey().equals(key)) {
			months.updateOne(byId(session.monthKey()), new Update().unset(GroupMonth.SESSIONS + "." + session.id()));
		}
		months.upsert(byId(key),
				new Update().set("programId", group.programId())
					.set("groupId", session.groupId())
					.set(GroupMonth.SESSIONS + "." + session.id(), figures(session, group)));
		return session.countedIn(key);
	}

	/** A session is counted once its group's program and its own start are known. */
	private static boolean countable(SessionModel session, GroupModel group) {
		return group != null && group.programId() != null && session.startsAt() != null;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/** Documents by id, one query for all of them. */
	private <T> Map<String, T> byId(Class<T> type, Function<T, String> id, Collection<String> ids) {
		Map<String, T> found = new LinkedHashMap<>();
		for (T document : this.mongo.find(Query.query(Criteria.where("_id").in(new LinkedHashSet<>(ids))), type)) {
			found.put(id.apply(document), document);
		}
		return found;
	}

	static GroupMonth.SessionFigures figures(SessionModel session, GroupModel group) {
		Counts counts = Counts.of(session, group.maxSize());
		return new GroupMonth.SessionFigures(session.startsAt(), session.startsAt().atZone(group.zone()).toLocalDate(),
				session.status(), counts, (session.note() != null) ? session.note().deadline() : null);
	}

	/** Empties the read model before a rebuild from the topics. */
	void clear() {
		for (Class<?> type : List.of(GroupModel.class, ProgramModel.class, SessionModel.class, GroupMonth.class,
				MemberModel.class)) {
			this.mongo.dropCollection(type);
		}
	}

	/** One attendance event's facts, as the projection needs them. */
	record Attended(String sessionId, String groupId, String patientId, String status, int version) {
	}

}
