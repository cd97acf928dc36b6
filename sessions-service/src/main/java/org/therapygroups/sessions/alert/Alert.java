package org.therapygroups.sessions.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.sessions.GroupEvent;
import org.therapygroups.platform.outbox.OutboxEntry;

/**
 * An engagement alert: a patient, a rule, the group's facilitators who receive it, and
 * how it ended. No clinical text: the optional note of an {@code OTHER} outcome is short
 * and stays here (never on a topic or in a log line). Its id is derived from group,
 * patient, rule and episode of risk, so replayed events find the alert they raised
 * instead of raising it again. Changes and their events are one write (outbox array).
 */
@Document("alerts")
class Alert {

	static final String OPEN = "OPEN";

	static final String RESOLVED = "RESOLVED";

	static final String CLEARED = "CLEARED";

	@Id
	private String id;

	@Version
	private Long version;

	private String programId;

	private String groupId;

	private String patientId;

	private Rule rule;

	private String episode;

	private String status;

	private List<String> facilitatorIds = new ArrayList<>();

	private Instant raisedAt;

	private String outcome;

	private String outcomeNote;

	private String resolvedBy;

	private Instant resolvedAt;

	private Instant clearedAt;

	private List<OutboxEntry> outbox = new ArrayList<>();

	Alert() {
	}

	Alert(String programId, String groupId, String patientId, Rule rule, String episode, List<String> facilitatorIds,
			Instant raisedAt) {
		this.id = id(groupId, patientId, rule, episode);
		this.programId = programId;
		this.groupId = groupId;
		this.patientId = patientId;
		this.rule = rule;
		this.episode = episode;
		this.status = OPEN;
		this.facilitatorIds = new ArrayList<>(facilitatorIds);
		this.raisedAt = raisedAt;
	}

	static String id(String groupId, String patientId, Rule rule, String episode) {
		return UUID
			.nameUUIDFromBytes(
					(groupId + "|" + patientId + "|" + rule + "|" + episode).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	void record(GroupEvent event) {
		this.outbox.add(OutboxEntry.of(EventSources.SESSIONS_SERVICE, event, event.occurredAt()));
	}

	void resolve(String outcome, String note, String actorId, Instant now) {
		this.status = RESOLVED;
		this.outcome = outcome;
		this.outcomeNote = note;
		this.resolvedBy = actorId;
		this.resolvedAt = now;
	}

	void clear(Instant now) {
		this.status = CLEARED;
		this.clearedAt = now;
	}

	String getId() {
		return this.id;
	}

	String getProgramId() {
		return this.programId;
	}

	String getGroupId() {
		return this.groupId;
	}

	String getPatientId() {
		return this.patientId;
	}

	Rule getRule() {
		return this.rule;
	}

	String getStatus() {
		return this.status;
	}

	List<String> getFacilitatorIds() {
		return this.facilitatorIds;
	}

	Instant getRaisedAt() {
		return this.raisedAt;
	}

	String getOutcome() {
		return this.outcome;
	}

	String getOutcomeNote() {
		return this.outcomeNote;
	}

	String getResolvedBy() {
		return this.resolvedBy;
	}

	Instant getResolvedAt() {
		return this.resolvedAt;
	}

	Instant getClearedAt() {
		return this.clearedAt;
	}

}
