package org.therapygroups.sessions.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.therapygroups.sessions.group.FacilitatorAssignment;
import org.therapygroups.sessions.group.FacilitatorRole;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.MembershipStatus;
import org.therapygroups.sessions.group.Modality;
import org.therapygroups.sessions.group.Openness;
import org.therapygroups.sessions.group.RecurrenceRule;
import org.therapygroups.sessions.program.Program;
import org.therapygroups.sessions.session.Session;
import org.therapygroups.sessions.session.SessionStatus;
import org.therapygroups.platform.security.Actor;

/**
 * Programs, groups and sessions for calendar tests, built with the domain's own
 * constructors; with a {@link MongoTemplate} they are stored as documents directly.
 */
final class CalendarFixtures {

	static final String BERLIN = "Europe/Berlin";

	static final Instant CREATED = Instant.parse("2026-09-01T08:00:00Z");

	private final MongoTemplate mongo;

	CalendarFixtures(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	static String id(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/**
	 * A weekly group, not stored.
	 * @param name its name
	 * @param rrule e.g. {@code FREQ=WEEKLY;BYDAY=TU}
	 * @param start the first session, local to the zone
	 * @param zone the zone
	 * @param therapistId the lead facilitator
	 */
	static Group group(String name, String rrule, LocalDateTime start, String zone, String therapistId) {
		return group(id("group"), name, new RecurrenceRule(rrule, start, null, null), zone, therapistId,
				new Location("Room 2", "https://video.example/g"));
	}

	static Group group(String groupId, String name, RecurrenceRule recurrence, String zone, String therapistId,
			Location location) {
		Group.Settings settings = new Group.Settings(name, Modality.CBT, Openness.OPEN, true, false, 2, 10,
				List.of(new FacilitatorAssignment(therapistId, FacilitatorRole.LEAD)), null, location, 90);
		return new Group(groupId, "program-1", settings, recurrence, zone, CREATED, therapistId);
	}

	/** The stored program of a zone, with a director. */
	Program program(String zone, String directorId) {
		return this.mongo
			.insert(new Program(id("program"), "Outpatient aftercare", zone, List.of(directorId), CREATED));
	}

	/** Stores a weekly group of a program. */
	Group storedGroup(Program program, String name, String byDay, LocalDateTime start, String therapistId) {
		Group.Settings settings = new Group.Settings(name, Modality.PSYCHODYNAMIC, Openness.OPEN, true, false, 2, 10,
				List.of(new FacilitatorAssignment(therapistId, FacilitatorRole.LEAD)), null,
				new Location("Room 3", null), 90);
		Group group = new Group(id("group"), program.id(), settings,
				new RecurrenceRule("FREQ=WEEKLY;BYDAY=" + byDay, start, null, null), program.timeZone(), CREATED,
				therapistId);
		return this.mongo.insert(group);
	}

	/** Enrols a patient (a seat) at a time and stores the group. */
	Group enrol(Group group, String patientId, Instant at) {
		group.enrol(patientId, Actor.as(group.facilitatorIds().get(0), Actor.Role.THERAPIST), true, false, at);
		return this.mongo.save(group);
	}

	/** Ends a patient's open episode at a time (they left) and stores the group. */
	Group leave(Group group, String patientId, Instant at) {
		String episodeId = group.openEpisodeOf(patientId).orElseThrow().getEpisodeId();
		group.changeStatus(episodeId, MembershipStatus.LEFT, "moved away",
				Actor.as(group.facilitatorIds().get(0), Actor.Role.THERAPIST), at);
		return this.mongo.save(group);
	}

	/** Stores the occurrence of a group starting at a local time. */
	Session occurrence(Group group, LocalDateTime localStart) {
		Instant start = localStart.atZone(ZoneId.of(group.getTimeZone())).toInstant();
		return this.mongo.insert(occurrence(group, start, start));
	}

	static Session occurrence(Group group, Instant original, Instant startsAt) {
		return new Session(Session.occurrenceId(group.getId(), original), group.getId(), group.getProgramId(), original,
				startsAt, startsAt.plusSeconds(60L * group.getSessionMinutes()), false, List.of());
	}

	static Session extra(Group group, Instant startsAt) {
		return new Session(id("extra"), group.getId(), group.getProgramId(), null, startsAt, startsAt.plusSeconds(3600),
				true, List.of());
	}

	Session store(Session session) {
		return this.mongo.insert(session);
	}

	/** Marks a stored session cancelled, as the lifecycle would. */
	void cancel(Session session) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(session.getId())),
				new Update().set("status", SessionStatus.CANCELLED).set("cancelReason", "holiday"), Session.class);
	}

}
