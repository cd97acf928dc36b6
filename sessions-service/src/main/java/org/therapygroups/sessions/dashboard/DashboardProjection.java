package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
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
 * values rather than adding to them (an attendance event is three reads and three writes:
 * the session, the group, the member; the session's entry in its group-month document is
 * set by an upsert without reading the month): the group-month figures are recomputed
 * from the session document, so an event handled twice, or a crash between two writes
 * followed by a retry, leaves the same figures. One group's events arrive in order on one
 * partition and one consumer thread handles them, so no two writers race on a document.
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
		GroupModel group = this.mongo.findById(groupId, GroupModel.class);
		SessionModel session = change(sessionId, groupId, group, (s) -> s.attended(patientId, status, version));
		String current = session.attendance().get(patientId).status();
		MemberModel before = this.mongo.findById(MemberModel.key(groupId, patientId), MemberModel.class);
		MemberModel member = (before != null) ? before : new MemberModel(MemberModel.key(groupId, patientId), groupId,
				(group != null) ? group.programId() : null, patientId, "ACTIVE", null, null);
		Map<String, MemberModel.Visit> visits = new LinkedHashMap<>(member.visits());
		visits.put(sessionId, new MemberModel.Visit(session.startsAt(), current));
		MemberModel after = new MemberModel(member.id(), groupId, member.programId(), patientId, member.status(),
				member.since(), visits);
		this.mongo.save(after);
		this.publisher.publishEvent(new MemberChanged(before, after, sessionId));
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
	 * Applies a change to a session document and recomputes its group-month figures.
	 * @return the session after the change
	 */
	private SessionModel change(String sessionId, String groupId, UnaryOperator<SessionModel> change) {
		return change(sessionId, groupId, this.mongo.findById(groupId, GroupModel.class), change);
	}

	/**
	 * Applies a change to a session document and sets the session's figures in its
	 * group-month document with one upsert of that session's entry: no read of the month,
	 * and a value set rather than added, so a repeated event leaves the same figures.
	 * @param group the group as the read model knows it, or {@code null}
	 * @return the session after the change
	 */
	private SessionModel change(String sessionId, String groupId, GroupModel group,
			UnaryOperator<SessionModel> change) {
		SessionModel stored = this.mongo.findById(sessionId, SessionModel.class);
		SessionModel session = change.apply((stored != null) ? stored : SessionModel.empty(sessionId, groupId));
		if (group != null && group.programId() != null && session.startsAt() != null) {
			String key = GroupMonth.key(groupId, YearMonth.from(session.startsAt().atZone(group.zone())));
			if (session.monthKey() != null && !session.monthKey().equals(key)) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(session.monthKey())),
						new Update().unset(GroupMonth.SESSIONS + "." + sessionId), GroupMonth.class);
			}
			this.mongo.upsert(Query.query(Criteria.where("_id").is(key)),
					new Update().set("programId", group.programId())
						.set("groupId", groupId)
						.set(GroupMonth.SESSIONS + "." + sessionId, figures(session, group)),
					GroupMonth.class);
			session = session.countedIn(key);
		}
		this.mongo.save(session);
		return session;
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

}
