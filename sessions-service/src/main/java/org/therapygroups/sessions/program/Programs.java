package org.therapygroups.sessions.program;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.Violations;

/** Programs and who directs them. */
@Service
public class Programs {

	private final MongoTemplate mongo;

	private final Clock clock;

	Programs(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Program create(Actor actor, String name, String timeZone) {
		if (!actor.is(Actor.Role.DIRECTOR)) {
			throw ApiProblem.forbidden("Only directors create programs.");
		}
		Violations violations = new Violations();
		if (name == null || name.isBlank() || name.length() > 120) {
			violations.add("name", "must be 1 to 120 characters");
		}
		violations.requirePrintable("name", name);
		if (timeZone == null || !isZone(timeZone)) {
			violations.add("timeZone", "must be an IANA time zone such as Europe/Berlin");
		}
		violations.throwIfAny();
		Program program = new Program(UUID.randomUUID().toString(), name.strip(), ZoneId.of(timeZone).getId(),
				List.of(actor.id()), this.clock.instant());
		return this.mongo.insert(program);
	}

	/**
	 * A program.
	 * @param id the program id
	 * @return the program
	 * @throws ApiProblem 404 if there is none
	 */
	public Program get(String id) {
		Program program = this.mongo.findById(id, Program.class);
		if (program == null) {
			throw ApiProblem.notFound("Program " + id);
		}
		return program;
	}

	/**
	 * A program its caller directs.
	 * @param id the program id
	 * @param actor the caller
	 * @return the program
	 * @throws ApiProblem 404 if there is none, 403 if the caller does not direct it
	 */
	public Program directedBy(String id, Actor actor) {
		Program program = get(id);
		if (!actor.is(Actor.Role.DIRECTOR) || !program.isDirectedBy(actor.id())) {
			throw ApiProblem.forbidden("Only the directors of this program may do this.");
		}
		return program;
	}

	List<Program> directedBy(Actor actor) {
		if (!actor.is(Actor.Role.DIRECTOR)) {
			throw ApiProblem.forbidden("Only directors list programs.");
		}
		return this.mongo.find(new Query(Criteria.where("directorIds").is(actor.id())).with(Sort.by("name")),
				Program.class);
	}

	private static boolean isZone(String zone) {
		try {
			ZoneId.of(zone);
			return zone.contains("/") || zone.equals("UTC");
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

}
