package org.therapygroups.sessions.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.therapygroups.platform.mongo.DefaultDatabase;
import org.therapygroups.events.sessions.SessionScheduled;
import org.therapygroups.sessions.booking.Booking;
import org.therapygroups.sessions.booking.Bookings;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.SchedulingProperties;

/** Stores sessions and turns a group's recurrence into them. */
@Component
public class Sessions {

	private final MongoTemplate mongo;

	private final Bookings bookings;

	private final SchedulingProperties properties;

	Sessions(MongoTemplate mongo, Bookings bookings, SchedulingProperties properties) {
		this.mongo = mongo;
		this.bookings = bookings;
		this.properties = properties;
		mongo.indexOps(Session.class)
			.createIndex(new Index().on("groupId", Sort.Direction.ASC).on("startsAt", Sort.Direction.ASC));
		DefaultDatabase.indexVersionedSaves(mongo, Session.class);
	}

	public Session get(String sessionId) {
		Session session = this.mongo.findById(sessionId, Session.class);
		if (session == null) {
			throw ApiProblem.notFound("Session " + sessionId);
		}
		return session;
	}

	public Session insert(Session session) {
		return this.mongo.insert(session);
	}

	public Session save(Session session) {
		return this.mongo.save(session);
	}

	/** The bookings a group's session needs: each facilitator and the room, if any. */
	public static List<String> resourcesOf(Group group) {
		List<String> resources = new ArrayList<>();
		group.getFacilitators().forEach((f) -> resources.add(Bookings.therapist(f.therapistId())));
		String room = group.getLocation().roomKey(group.getProgramId());
		if (room != null) {
			resources.add(room);
		}
		return resources;
	}

	/**
	 * The sessions of a group's occurrences in {@code (after, upTo]} that do not exist
	 * yet, not stored.
	 * @param group the group
	 * @param after exclusive lower bound
	 * @param upTo inclusive upper bound
	 * @param now the time of scheduling
	 * @return the new sessions, each with its {@code session.scheduled} event
	 * @throws ApiProblem 400 if the rule fires more often than
	 * {@link SchedulingProperties#maxSessionsPerGroup()} in that time
	 */
	public List<Session> plan(Group group, Instant after, Instant upTo, Instant now) {
		List<Session> sessions = new ArrayList<>();
		List<String> resources = resourcesOf(group);
		java.time.Duration length = java.time.Duration.ofMinutes(group.getSessionMinutes());
		Instant limit = (group.getEndedAt() != null && group.getEndedAt().isBefore(upTo)) ? group.getEndedAt() : upTo;
		int max = this.properties.maxSessionsPerGroup();
		List<Instant> starts = group.getRecurrence().occurrences(group.zone(), after, limit, max + 1);
		if (starts.size() > max) {
			throw ApiProblem.badRequest("recurrence.rrule",
					"fires more than " + max + " times within the scheduling horizon (" + this.properties.horizon()
							+ "); a group may have at most " + max
							+ " sessions in that time (therapy.sessions.max-sessions-per-group)");
		}
		for (Instant start : starts) {
			String id = Session.occurrenceId(group.getId(), start);
			Session session = new Session(id, group.getId(), group.getProgramId(), start, start, start.plus(length),
					false, resources);
			session.record(new SessionScheduled(id, group.getId(), start, session.getEndsAt(), false, now));
			sessions.add(session);
		}
		if (sessions.isEmpty()) {
			return sessions;
		}
		sessions.removeIf((session) -> DefaultDatabase.existsById(this.mongo, session.getId(), Session.class));
		return sessions;
	}

	/**
	 * Books the facilitators and room of planned sessions and stores them; a double
	 * booking refuses all of them.
	 * @param group the group
	 * @param planned from {@link #plan}
	 * @param mayKnowGroup whether the caller may learn about another group's session in
	 * the way
	 */
	public void book(Group group, List<Session> planned, Predicate<String> mayKnowGroup) {
		if (!planned.isEmpty()) {
			this.bookings.book(resourcesOf(group), planned.stream().map(Sessions::booking).toList(), mayKnowGroup);
		}
	}

	/**
	 * Stores booked sessions; if that fails, their bookings are given back.
	 * @param group the group
	 * @param planned booked sessions
	 */
	public void insert(Group group, List<Session> planned) {
		if (planned.isEmpty()) {
			return;
		}
		try {
			// insertAll (not a bulk operation) starts each document's version at 0
			this.mongo.insertAll(planned);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent expansion inserted some of them: same ids, same content
		}
		catch (RuntimeException ex) {
			this.bookings.release(resourcesOf(group), planned.stream().map(Session::getId).toList());
			throw ex;
		}
	}

	/**
	 * Plans, books and stores occurrences in {@code (after, upTo]}, for the horizon job:
	 * a conflict is only logged, so it may name whatever is in the way.
	 */
	public List<Session> expand(Group group, Instant after, Instant upTo, Instant now) {
		List<Session> planned = plan(group, after, upTo, now);
		book(group, planned, (groupId) -> true);
		insert(group, planned);
		return planned;
	}

	/** Points the future sessions of a group at new facilitators or a new room. */
	public void useResources(String groupId, List<String> sessionIds, List<String> resources) {
		if (!sessionIds.isEmpty()) {
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(sessionIds)),
					new org.springframework.data.mongodb.core.query.Update().set("resources", resources)
						.inc("version", 1),
					Session.class);
		}
	}

	public static Booking booking(Session session) {
		return new Booking(session.getId(), session.getGroupId(), session.getStartsAt(), session.getEndsAt());
	}

	public List<Session> ofGroup(String groupId, Instant from, Instant to) {
		return this.mongo.find(Query.query(Criteria.where("groupId").is(groupId).and("startsAt").gte(from).lt(to))
			.with(Sort.by("startsAt")), Session.class);
	}

	public List<Session> ofGroups(Collection<String> groupIds, Instant from, Instant to) {
		return this.mongo.find(Query.query(Criteria.where("groupId").in(groupIds).and("startsAt").gte(from).lt(to))
			.with(Sort.by("startsAt")), Session.class);
	}

	/**
	 * Every session of the groups with only its times, status and kind (no attendance, no
	 * outbox, no resources): what a calendar feed needs, kept small for feeds of many
	 * groups.
	 */
	public List<Session> timesOf(Collection<String> groupIds) {
		Query query = Query.query(Criteria.where("groupId").in(groupIds));
		query.fields().include("groupId", "programId", "originalStartsAt", "startsAt", "endsAt", "extra", "status");
		return this.mongo.find(query, Session.class);
	}

	/** Scheduled sessions of a group starting after a time: the ones a change affects. */
	public List<Session> scheduledAfter(String groupId, Instant after) {
		return this.mongo.find(
				Query
					.query(Criteria.where("groupId")
						.is(groupId)
						.and("status")
						.is(SessionStatus.SCHEDULED)
						.and("startsAt")
						.gt(after))
					.with(Sort.by("startsAt")),
				Session.class);
	}

	/** Whether the group met or meets before a time: a closed group has begun. */
	public boolean hasBegun(String groupId, Instant now) {
		return this.mongo.exists(Query.query(Criteria.where("groupId")
			.is(groupId)
			.and("status")
			.ne(SessionStatus.CANCELLED)
			.and("startsAt")
			.lte(now)), Session.class);
	}

}
