package org.therapygroups.sessions.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One spell of a patient's membership in a group, from enrolment (or waitlisting) to
 * leaving or discharge. Re-joining opens a new episode, so the history stays complete.
 */
public class MembershipEpisode {

	private String episodeId;

	private String patientId;

	private MembershipStatus status;

	/** When the patient asked to join or was added: the waitlist order. */
	private Instant requestedAt;

	/** When the patient got a seat; {@code null} while waitlisted. */
	private Instant activeFrom;

	/** When the episode ended (left or discharged). */
	private Instant endedAt;

	private List<StatusChange> history = new ArrayList<>();

	MembershipEpisode() {
	}

	MembershipEpisode(String episodeId, String patientId, MembershipStatus status, Instant at, String actorId,
			String reason) {
		this(episodeId, patientId, status, at, actorId, reason, null);
	}

	/**
	 * An episode that began before it was recorded: {@code at} is when it began,
	 * {@code recordedAt} when it was recorded ({@code null} if then).
	 */
	MembershipEpisode(String episodeId, String patientId, MembershipStatus status, Instant at, String actorId,
			String reason, Instant recordedAt) {
		this.episodeId = episodeId;
		this.patientId = patientId;
		this.requestedAt = at;
		change(status, at, actorId, reason, recordedAt);
	}

	void change(MembershipStatus status, Instant at, String actorId, String reason) {
		change(status, at, actorId, reason, null);
	}

	private void change(MembershipStatus status, Instant at, String actorId, String reason, Instant recordedAt) {
		if (status == MembershipStatus.ACTIVE && this.activeFrom == null) {
			this.activeFrom = at;
		}
		if (!status.isOpen()) {
			this.endedAt = at;
		}
		this.status = status;
		this.history.add(new StatusChange(status, at, actorId, reason, recordedAt));
	}

	/**
	 * Whether the patient held a seat at some point of a session's time.
	 * @param startsAt the session start
	 * @param endsAt the session end
	 * @return {@code true} if the patient belongs on that session's roster
	 */
	public boolean isMemberDuring(Instant startsAt, Instant endsAt) {
		return this.activeFrom != null && this.activeFrom.isBefore(endsAt)
				&& (this.endedAt == null || this.endedAt.isAfter(startsAt));
	}

	public String getEpisodeId() {
		return this.episodeId;
	}

	public String getPatientId() {
		return this.patientId;
	}

	public MembershipStatus getStatus() {
		return this.status;
	}

	public Instant getRequestedAt() {
		return this.requestedAt;
	}

	public Instant getActiveFrom() {
		return this.activeFrom;
	}

	public Instant getEndedAt() {
		return this.endedAt;
	}

	public List<StatusChange> getHistory() {
		return List.copyOf(this.history);
	}

}
