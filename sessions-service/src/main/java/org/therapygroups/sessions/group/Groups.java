package org.therapygroups.sessions.group;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.therapygroups.sessions.program.Program;
import org.therapygroups.sessions.program.Programs;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * Loads and saves groups, and decides who may see or manage one: its facilitators and the
 * directors of its program manage it; a patient sees it while it is open to them or while
 * they have a membership in it.
 */
@Component
public class Groups {

	private final MongoTemplate mongo;

	private final Programs programs;

	Groups(MongoTemplate mongo, Programs programs) {
		this.mongo = mongo;
		this.programs = programs;
		org.therapygroups.platform.mongo.DefaultDatabase.indexVersionedSaves(mongo, Group.class);
	}

	public Group get(String groupId) {
		Group group = this.mongo.findById(groupId, Group.class);
		if (group == null) {
			throw ApiProblem.notFound("Group " + groupId);
		}
		return group;
	}

	/** Saves with the version check; the caller retries on a conflict. */
	public Group save(Group group) {
		return this.mongo.save(group);
	}

	public Group insert(Group group) {
		return this.mongo.insert(group);
	}

	public boolean canManage(Group group, Actor actor) {
		return switch (actor.role()) {
			case THERAPIST -> group.isFacilitatedBy(actor.id());
			case DIRECTOR -> this.programs.get(group.getProgramId()).isDirectedBy(actor.id());
			case PATIENT -> false;
		};
	}

	/**
	 * Whether a caller manages a group, by id: what a double-booking answer may tell them
	 * about the session in the way.
	 * @param actor the caller
	 * @return the test; {@code false} for a group that does not exist
	 */
	public Predicate<String> manageableBy(Actor actor) {
		return (groupId) -> {
			Group group = this.mongo.findById(groupId, Group.class);
			return group != null && canManage(group, actor);
		};
	}

	public boolean canView(Group group, Actor actor) {
		if (actor.is(Actor.Role.PATIENT)) {
			return group.isOpenToSelfEnrollment() || group.hasEpisodeOf(actor.id());
		}
		return canManage(group, actor);
	}

	/**
	 * A group the caller manages.
	 * @throws ApiProblem 404 if it does not exist, 403 if the caller does not manage it
	 */
	public Group managed(String groupId, Actor actor) {
		Group group = get(groupId);
		if (!canManage(group, actor)) {
			throw ApiProblem.forbidden("Only this group's facilitators and its program's directors may do this.");
		}
		return group;
	}

	/**
	 * A group the caller may see.
	 * @throws ApiProblem 404 if it does not exist or is hidden from the caller
	 */
	public Group visible(String groupId, Actor actor) {
		Group group = get(groupId);
		if (!canView(group, actor)) {
			throw ApiProblem.forbidden("This group is not open to you.");
		}
		return group;
	}

	/**
	 * The groups a caller may list: facilitated, directed, or open to / joined by a
	 * patient.
	 */
	public List<Group> visibleTo(Actor actor) {
		Criteria criteria = switch (actor.role()) {
			case THERAPIST -> Criteria.where("facilitators.therapistId").is(actor.id());
			case DIRECTOR -> Criteria.where("programId")
				.in(this.mongo.find(new Query(Criteria.where("directorIds").is(actor.id())), Program.class)
					.stream()
					.map(Program::id)
					.toList());
			case PATIENT -> new Criteria().orOperator(Criteria.where("memberships.patientId").is(actor.id()),
					Criteria.where("status")
						.is(GroupStatus.ACTIVE)
						.and("aftercare")
						.is(true)
						.and("selfEnrollment")
						.is(true));
		};
		return this.mongo.find(new Query(criteria).with(Sort.by("name")), Group.class);
	}

	/** Groups a patient has a seat in now (active or on hold). */
	public List<Group> seatedIn(String patientId) {
		return this.mongo.find(new Query(Criteria.where("memberships.patientId").is(patientId)), Group.class)
			.stream()
			.filter((group) -> group.hasSeat(patientId))
			.toList();
	}

	/** Groups a therapist facilitates. */
	public List<Group> facilitatedBy(String therapistId) {
		return this.mongo.find(new Query(Criteria.where("facilitators.therapistId").is(therapistId)), Group.class);
	}

	/** Groups that still meet, for the horizon job. */
	public List<Group> active() {
		return this.mongo.find(new Query(Criteria.where("status").is(GroupStatus.ACTIVE)), Group.class);
	}

}
