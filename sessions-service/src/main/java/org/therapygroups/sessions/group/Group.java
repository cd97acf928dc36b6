package org.therapygroups.sessions.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupDefinition;
import org.therapygroups.events.sessions.GroupEvent;
import org.therapygroups.events.sessions.MembershipJoined;
import org.therapygroups.events.sessions.MembershipLeft;
import org.therapygroups.events.sessions.MembershipPromoted;
import org.therapygroups.events.sessions.MembershipWaitlisted;
import org.therapygroups.platform.outbox.OutboxEntry;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;

/**
 * A therapy group: its definition, its membership episodes (with waitlist) and the events
 * its changes still have to publish, all in one document so that every change, together
 * with its event, is one atomic write guarded by {@link #version}. Sessions are separate
 * documents; a membership change never touches them, the roster of a session is derived
 * from the episodes.
 */
@Document("groups")
public class Group {

	/** The actor id of automatic changes (promotion from the waitlist). */
	public static final String SYSTEM = "system";

	@Id
	private String id;

	@Version
	private Long version;

	private String programId;

	private String name;

	private Modality modality;

	private Openness openness;

	private boolean aftercare;

	private boolean selfEnrollment;

	private int minSize;

	private int maxSize;

	private List<FacilitatorAssignment> facilitators = new ArrayList<>();

	private String supervisorId;

	private Location location;

	private int sessionMinutes;

	private RecurrenceRule recurrence;

	private String timeZone;

	private GroupStatus status = GroupStatus.ACTIVE;

	private Instant endedAt;

	private String endedBy;

	private String endReason;

	/** Sessions exist for every occurrence up to here. */
	private Instant expandedUntil;

	private Instant createdAt;

	private String createdBy;

	private List<MembershipEpisode> memberships = new ArrayList<>();

	private List<OutboxEntry> outbox = new ArrayList<>();

	Group() {
	}

	public Group(String id, String programId, Settings settings, RecurrenceRule recurrence, String timeZone,
			Instant createdAt, String createdBy) {
		this.id = id;
		this.programId = programId;
		this.recurrence = recurrence;
		this.timeZone = timeZone;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
		this.expandedUntil = createdAt;
		apply(settings);
	}

	/**
	 * Everything about a group that can change after it was created (its recurrence and
	 * session length cannot: an occurrence is moved one at a time).
	 */
	public record Settings(String name, Modality modality, Openness openness, boolean aftercare, boolean selfEnrollment,
			int minSize, int maxSize, List<FacilitatorAssignment> facilitators, String supervisorId, Location location,
			int sessionMinutes) {
	}

	public final void apply(Settings settings) {
		this.name = settings.name();
		this.modality = settings.modality();
		this.openness = settings.openness();
		this.aftercare = settings.aftercare();
		this.selfEnrollment = settings.selfEnrollment();
		this.minSize = settings.minSize();
		this.maxSize = settings.maxSize();
		this.facilitators = new ArrayList<>(settings.facilitators());
		this.supervisorId = settings.supervisorId();
		this.location = settings.location();
		this.sessionMinutes = settings.sessionMinutes();
	}

	public Settings settings() {
		return new Settings(this.name, this.modality, this.openness, this.aftercare, this.selfEnrollment, this.minSize,
				this.maxSize, this.facilitators, this.supervisorId, this.location, this.sessionMinutes);
	}

	/**
	 * What other services learn about this group.
	 * @param directorIds the directors of its program, so that they can scope directors'
	 * views
	 * @return the definition
	 */
	public GroupDefinition definition(List<String> directorIds) {
		return new GroupDefinition(this.programId, this.name, this.modality.name(), this.timeZone,
				this.facilitators.stream().map((f) -> new Facilitator(f.therapistId(), f.role().name())).toList(),
				this.supervisorId, this.maxSize, directorIds);
	}

	/** Queues an event to publish with this document's next write. */
	public void record(GroupEvent event) {
		this.outbox.add(OutboxEntry.of(EventSources.SESSIONS_SERVICE, event, event.occurredAt()));
	}

	// --- who may do what -------------------------------------------------------------

	public boolean isFacilitatedBy(String therapistId) {
		return this.facilitators.stream().anyMatch((f) -> f.therapistId().equals(therapistId));
	}

	public List<String> facilitatorIds() {
		List<FacilitatorAssignment> ordered = new ArrayList<>(this.facilitators);
		ordered.sort(Comparator.comparing(FacilitatorAssignment::role));
		return ordered.stream().map(FacilitatorAssignment::therapistId).toList();
	}

	/** Whether a patient may find this group and enrol themselves. */
	public boolean isOpenToSelfEnrollment() {
		return this.status == GroupStatus.ACTIVE && this.aftercare && this.selfEnrollment;
	}

	public boolean hasEpisodeOf(String patientId) {
		return this.memberships.stream().anyMatch((m) -> m.getPatientId().equals(patientId));
	}

	// --- membership
	// ---------------------------------------------------------------------

	/**
	 * Enrols a patient: a seat if one is free, otherwise the end of the waitlist.
	 * @param patientId the patient
	 * @param actor who enrols them
	 * @param byStaff whether a facilitator or director acts (may add to a closed group
	 * that has begun)
	 * @param hasBegun whether the group's first session has started
	 * @param now the time
	 * @return the new episode
	 */
	public MembershipEpisode enrol(String patientId, Actor actor, boolean byStaff, boolean hasBegun, Instant now) {
		return enrol(patientId, actor, byStaff, hasBegun, now, null);
	}

	/**
	 * Enrols a patient, as {@link #enrol(String, Actor, boolean, boolean, Instant)}; with
	 * {@code since}, a member who took their seat before the group was kept here: the
	 * episode begins then (and so do the rosters they are on), which needs a seat free
	 * now.
	 * @param since when the member took their seat, or {@code null} for now
	 */
	public MembershipEpisode enrol(String patientId, Actor actor, boolean byStaff, boolean hasBegun, Instant now,
			Instant since) {
		if (this.status != GroupStatus.ACTIVE) {
			throw ApiProblem.conflict("The group is " + this.status.name().toLowerCase() + "; nobody can join it.");
		}
		Optional<MembershipEpisode> open = openEpisodeOf(patientId);
		if (open.isPresent()) {
			throw ApiProblem.conflict(
					"The patient already has a " + open.get().getStatus() + " membership (episode "
							+ open.get().getEpisodeId() + ") in this group.",
					java.util.Map.of("episodeId", open.get().getEpisodeId()));
		}
		if (this.openness == Openness.CLOSED && hasBegun && !byStaff) {
			throw ApiProblem.conflict("This closed group has begun; only a facilitator can add members now.");
		}
		String episodeId = UUID.randomUUID().toString();
		if (since != null) {
			if (seatsTaken() >= this.maxSize) {
				throw ApiProblem
					.conflict("The group is full: a member recorded with an earlier start needs a free seat;"
							+ " enrol without one to join the waitlist.");
			}
			MembershipEpisode episode = new MembershipEpisode(episodeId, patientId, MembershipStatus.ACTIVE, since,
					actor.id(), null, now);
			this.memberships.add(episode);
			record(new MembershipJoined(episodeId, this.id, patientId, actor.id(), since));
			return episode;
		}
		if (seatsTaken() < this.maxSize) {
			MembershipEpisode episode = new MembershipEpisode(episodeId, patientId, MembershipStatus.ACTIVE, now,
					actor.id(), null);
			this.memberships.add(episode);
			record(new MembershipJoined(episodeId, this.id, patientId, actor.id(), now));
			return episode;
		}
		MembershipEpisode episode = new MembershipEpisode(episodeId, patientId, MembershipStatus.WAITLISTED, now,
				actor.id(), null);
		this.memberships.add(episode);
		record(new MembershipWaitlisted(episodeId, this.id, patientId, waitlist().size(), actor.id(), now));
		return episode;
	}

	/**
	 * Puts an episode on hold, resumes it, or ends it; a freed seat goes to the first in
	 * line.
	 * @param episodeId the episode
	 * @param target ON_HOLD, ACTIVE (resume), LEFT or DISCHARGED
	 * @param reason why
	 * @param actor who
	 * @param now when
	 * @return the episode
	 */
	public MembershipEpisode changeStatus(String episodeId, MembershipStatus target, String reason, Actor actor,
			Instant now) {
		MembershipEpisode episode = episode(episodeId)
			.orElseThrow(() -> ApiProblem.notFound("Membership episode " + episodeId));
		MembershipStatus from = episode.getStatus();
		boolean allowed = switch (target) {
			case ON_HOLD -> from == MembershipStatus.ACTIVE;
			case ACTIVE -> from == MembershipStatus.ON_HOLD;
			case LEFT, DISCHARGED -> from.isOpen();
			case WAITLISTED -> false;
		};
		if (!allowed) {
			throw ApiProblem.conflict("A " + from + " membership cannot become " + target + ".");
		}
		episode.change(target, now, actor.id(), reason);
		record(new MembershipLeft(episodeId, this.id, episode.getPatientId(), target.name(), actor.id(), now));
		promoteWaitlisted(now);
		return episode;
	}

	/**
	 * Gives free seats to the waitlist, first come first served. Called after every
	 * change that may free a seat (someone left, the capacity grew).
	 * @param now when
	 */
	public void promoteWaitlisted(Instant now) {
		if (this.status != GroupStatus.ACTIVE) {
			return;
		}
		List<MembershipEpisode> line = waitlist();
		int free = this.maxSize - seatsTaken();
		for (int i = 0; i < free && i < line.size(); i++) {
			MembershipEpisode next = line.get(i);
			next.change(MembershipStatus.ACTIVE, now, SYSTEM, "seat freed");
			record(new MembershipPromoted(next.getEpisodeId(), this.id, next.getPatientId(), SYSTEM, now));
		}
	}

	public int seatsTaken() {
		return (int) this.memberships.stream().filter((m) -> m.getStatus().holdsSeat()).count();
	}

	/** The waitlisted episodes in the order they will be promoted. */
	public List<MembershipEpisode> waitlist() {
		return this.memberships.stream()
			.filter((m) -> m.getStatus() == MembershipStatus.WAITLISTED)
			.sorted(Comparator.comparing(MembershipEpisode::getRequestedAt))
			.toList();
	}

	public Optional<MembershipEpisode> openEpisodeOf(String patientId) {
		return this.memberships.stream()
			.filter((m) -> m.getPatientId().equals(patientId) && m.getStatus().isOpen())
			.findFirst();
	}

	public Optional<MembershipEpisode> episode(String episodeId) {
		return this.memberships.stream().filter((m) -> m.getEpisodeId().equals(episodeId)).findFirst();
	}

	/**
	 * The patients who belong on a session's roster: everyone who held a seat at some
	 * point of its time.
	 * @param startsAt session start
	 * @param endsAt session end
	 * @return patient ids, in order of joining
	 */
	public List<String> rosterFor(Instant startsAt, Instant endsAt) {
		return this.memberships.stream()
			.filter((m) -> m.isMemberDuring(startsAt, endsAt))
			.sorted(Comparator.comparing(MembershipEpisode::getActiveFrom))
			.map(MembershipEpisode::getPatientId)
			.distinct()
			.toList();
	}

	/** Whether the patient holds a seat now (active or on hold). */
	public boolean hasSeat(String patientId) {
		return openEpisodeOf(patientId).map((m) -> m.getStatus().holdsSeat()).orElse(false);
	}

	// --- lifecycle -------------------------------------------------------------------

	public void end(GroupStatus outcome, Instant at, String actorId, String reason) {
		this.status = outcome;
		this.endedAt = at;
		this.endedBy = actorId;
		this.endReason = reason;
	}

	public void expandedUntil(Instant until) {
		this.expandedUntil = until;
	}

	// --- read access ------------------------------------------------------------------

	public String getId() {
		return this.id;
	}

	public Long getVersion() {
		return this.version;
	}

	public String getProgramId() {
		return this.programId;
	}

	public String getName() {
		return this.name;
	}

	public Modality getModality() {
		return this.modality;
	}

	public Openness getOpenness() {
		return this.openness;
	}

	public boolean isAftercare() {
		return this.aftercare;
	}

	public boolean isSelfEnrollment() {
		return this.selfEnrollment;
	}

	public int getMinSize() {
		return this.minSize;
	}

	public int getMaxSize() {
		return this.maxSize;
	}

	public List<FacilitatorAssignment> getFacilitators() {
		return List.copyOf(this.facilitators);
	}

	public String getSupervisorId() {
		return this.supervisorId;
	}

	public Location getLocation() {
		return this.location;
	}

	public int getSessionMinutes() {
		return this.sessionMinutes;
	}

	public RecurrenceRule getRecurrence() {
		return this.recurrence;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public java.time.ZoneId zone() {
		return java.time.ZoneId.of(this.timeZone);
	}

	public GroupStatus getStatus() {
		return this.status;
	}

	public Instant getEndedAt() {
		return this.endedAt;
	}

	public String getEndedBy() {
		return this.endedBy;
	}

	public String getEndReason() {
		return this.endReason;
	}

	public Instant getExpandedUntil() {
		return this.expandedUntil;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public List<MembershipEpisode> getMemberships() {
		return List.copyOf(this.memberships);
	}

	public List<OutboxEntry> getOutbox() {
		return List.copyOf(this.outbox);
	}

}
