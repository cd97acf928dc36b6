package org.therapygroups.notes.sessions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupDefinition;

/**
 * Groups, sessions and membership episodes as sessions-service announces them: the facts
 * behind "this therapist facilitates a group this patient belongs to".
 * <p>
 * Every write is one single-document upsert guarded like the directory's: it applies only
 * while the stored {@code lastEventAt} is not newer than the event, so a late older event
 * never overwrites newer state (the duplicate-key error of the guarded upsert means
 * "stale, skip"). Writing the same event twice writes the same values: safe to re-run.
 */
@Component
public class SessionsReadModel {

	static final String GROUPS = "groups";

	static final String SESSIONS = "sessions";

	static final String MEMBERSHIPS = "memberships";

	/** Membership statuses in which a patient still belongs to the group. */
	static final Set<String> BELONGING = Set.of("ACTIVE", "ON_HOLD");

	private static final Logger log = LoggerFactory.getLogger(SessionsReadModel.class);

	private final MongoTemplate mongo;

	SessionsReadModel(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	// ---- reads

	public Optional<GroupView> group(String groupId) {
		Document group = this.mongo.findById(groupId, Document.class, GROUPS);
		if (group == null) {
			return Optional.empty();
		}
		return Optional.of(new GroupView(groupId, group.getString("programId"), group.getString("modality"),
				group.getList("facilitatorIds", String.class, List.of()), group.getString("supervisorId"),
				Boolean.TRUE.equals(group.getBoolean("cancelled"))));
	}

	public Optional<SessionView> session(String sessionId) {
		Document session = this.mongo.findById(sessionId, Document.class, SESSIONS);
		if (session == null) {
			return Optional.empty();
		}
		return Optional.of(new SessionView(sessionId, session.getString("groupId"), instant(session, "startsAt"),
				instant(session, "endsAt"), session.getString("status")));
	}

	/**
	 * The patients who belong to a group now (active or on hold).
	 * @param groupId the group
	 * @return their ids
	 */
	public List<String> members(String groupId) {
		Query query = Query.query(Criteria.where("groupId").is(groupId).and("status").in(BELONGING));
		return this.mongo.find(query, Document.class, MEMBERSHIPS)
			.stream()
			.map((membership) -> membership.getString("patientId"))
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * The groups a patient belongs to now.
	 * @param patientId the patient
	 * @return group ids
	 */
	public Set<String> groupsOf(String patientId) {
		Query query = Query.query(Criteria.where("patientId").is(patientId).and("status").in(BELONGING));
		return this.mongo.find(query, Document.class, MEMBERSHIPS)
			.stream()
			.map((membership) -> membership.getString("groupId"))
			.collect(Collectors.toSet());
	}

	/**
	 * The groups among {@code groupIds} that a clinician facilitates or supervises now.
	 * @param clinicianId the therapist or supervisor
	 * @param groupIds candidate groups
	 * @return the subset
	 */
	public Set<String> facilitatedOrSupervised(String clinicianId, Collection<String> groupIds) {
		Query query = Query.query(Criteria.where("_id")
			.in(groupIds)
			.orOperator(Criteria.where("facilitatorIds").is(clinicianId),
					Criteria.where("supervisorId").is(clinicianId)));
		return this.mongo.find(query, Document.class, GROUPS)
			.stream()
			.map((group) -> group.getString("_id"))
			.collect(Collectors.toSet());
	}

	/**
	 * The programs a director directs, as the group events of those programs name them. A
	 * program without a group announced since group events carry its directors is not
	 * known here, and nothing of it is shown.
	 * @param directorId the director
	 * @return program ids
	 */
	public Set<String> programsDirectedBy(String directorId) {
		Query query = Query.query(Criteria.where("directorIds").is(directorId));
		query.fields().include("programId");
		return this.mongo.find(query, Document.class, GROUPS)
			.stream()
			.map((group) -> group.getString("programId"))
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
	}

	/**
	 * Every patient who belongs or belonged to a group of these programs: their records
	 * stay the program's after they leave.
	 * @param programIds the programs
	 * @return patient ids
	 */
	public Set<String> patientsOf(Collection<String> programIds) {
		if (programIds.isEmpty()) {
			return Set.of();
		}
		Query groups = Query.query(Criteria.where("programId").in(programIds));
		groups.fields().include("_id");
		List<String> groupIds = this.mongo.find(groups, Document.class, GROUPS)
			.stream()
			.map((group) -> group.getString("_id"))
			.toList();
		if (groupIds.isEmpty()) {
			return Set.of();
		}
		return this.mongo.find(Query.query(Criteria.where("groupId").in(groupIds)), Document.class, MEMBERSHIPS)
			.stream()
			.map((membership) -> membership.getString("patientId"))
			.collect(Collectors.toSet());
	}

	private static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	// ---- writes, from sessions.events

	public boolean groupDefined(String groupId, GroupDefinition definition, Instant occurredAt) {
		Update update = new Update().set("programId", definition.programId())
			.set("modality", definition.modality())
			.set("facilitatorIds", definition.facilitators().stream().map(Facilitator::therapistId).toList())
			.set("supervisorId", definition.supervisorId())
			.setOnInsert("cancelled", false);
		if (!definition.directorIds().isEmpty()) {
			// events written before definitions named directors leave what is known alone
			update.set("directorIds", definition.directorIds());
		}
		return apply(GROUPS, groupId, occurredAt, update);
	}

	public boolean groupCancelled(String groupId, String programId, Instant occurredAt) {
		Update update = new Update().set("cancelled", true);
		if (programId != null) {
			update.set("programId", programId);
		}
		return apply(GROUPS, groupId, occurredAt, update);
	}

	public boolean session(String sessionId, String groupId, Instant startsAt, Instant endsAt, String status,
			Instant occurredAt) {
		Update update = new Update().set("groupId", groupId).set("status", status);
		if (startsAt != null) {
			update.set("startsAt", Date.from(startsAt));
		}
		if (endsAt != null) {
			update.set("endsAt", Date.from(endsAt));
		}
		return apply(SESSIONS, sessionId, occurredAt, update);
	}

	public boolean membership(String episodeId, String groupId, String patientId, String status, Instant occurredAt) {
		Update update = new Update().set("groupId", groupId).set("patientId", patientId).set("status", status);
		return apply(MEMBERSHIPS, episodeId, occurredAt, update);
	}

	private boolean apply(String collection, String id, Instant occurredAt, Update update) {
		// MongoDB keeps milliseconds: compare at the precision that is stored
		Date at = Date.from(occurredAt.truncatedTo(ChronoUnit.MILLIS));
		Query notNewer = Query.query(Criteria.where("_id")
			.is(id)
			.orOperator(Criteria.where("lastEventAt").lte(at), Criteria.where("lastEventAt").exists(false)));
		update.set("lastEventAt", at).set("updatedAt", new Date());
		try {
			this.mongo.upsert(notNewer, update, collection);
			return true;
		}
		catch (DuplicateKeyException ex) {
			log.debug("Skipped an older event for {} {}: a newer state is stored", collection, id);
			return false;
		}
	}

}
