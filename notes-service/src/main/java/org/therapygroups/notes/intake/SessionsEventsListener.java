package org.therapygroups.notes.intake;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Topics;
import org.therapygroups.events.idempotency.IdempotentConsumer;
import org.therapygroups.events.idempotency.MongoProcessedEvents;
import org.therapygroups.events.sessions.GroupCancelled;
import org.therapygroups.events.sessions.GroupCreated;
import org.therapygroups.events.sessions.GroupUpdated;
import org.therapygroups.events.sessions.MembershipJoined;
import org.therapygroups.events.sessions.MembershipLeft;
import org.therapygroups.events.sessions.MembershipPromoted;
import org.therapygroups.events.sessions.MembershipWaitlisted;
import org.therapygroups.events.sessions.SessionCancelled;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.events.sessions.SessionRescheduled;
import org.therapygroups.events.sessions.SessionScheduled;
import org.therapygroups.events.sessions.SessionStarted;
import org.therapygroups.notes.note.NoteDrafts;
import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * Feeds the groups / sessions / memberships read model from {@code sessions.events} and
 * opens a draft note for every completed session.
 * <p>
 * Records are keyed by group id, so one group's events arrive in order; ack mode
 * {@code record} commits each offset after its record. {@link IdempotentConsumer} skips
 * event ids already applied, the read model's ordering guard skips older events arriving
 * late, and the one-note-per-session unique index makes a re-run of a completion (a crash
 * between the draft and the processed-id record) find the draft instead of adding one.
 * Unreadable records go to {@code sessions.events.dlt}.
 */
@Component
class SessionsEventsListener {

	static final String CONSUMER_NAME = "notes-service.sessions";

	private static final Logger log = LoggerFactory.getLogger(SessionsEventsListener.class);

	private final MongoProcessedEvents processedEvents;

	private final IdempotentConsumer consumer;

	private final SessionsReadModel model;

	private final NoteDrafts drafts;

	private volatile boolean indexesEnsured;

	SessionsEventsListener(MongoTemplate mongo, SessionsReadModel model, NoteDrafts drafts) {
		this.processedEvents = MongoProcessedEvents.in(mongo.getDb());
		this.consumer = new IdempotentConsumer(CONSUMER_NAME, this.processedEvents);
		this.model = model;
		this.drafts = drafts;
	}

	@KafkaListener(id = CONSUMER_NAME, topics = Topics.SESSIONS, groupId = "${spring.application.name}")
	void on(ConsumerRecord<String, CloudEvent> record) {
		CloudEvent event = record.value();
		if (event == null) {
			return;
		}
		ensureIndexes();
		Boolean ran = switch (event.getType()) {
			case EventTypes.Sessions.GROUP_CREATED -> this.consumer.handle(event, GroupCreated.class,
					(e, g) -> this.model.groupDefined(g.groupId(), g.definition(), g.occurredAt()));
			case EventTypes.Sessions.GROUP_UPDATED -> this.consumer.handle(event, GroupUpdated.class,
					(e, g) -> this.model.groupDefined(g.groupId(), g.definition(), g.occurredAt()));
			case EventTypes.Sessions.GROUP_CANCELLED -> this.consumer.handle(event, GroupCancelled.class,
					(e, g) -> this.model.groupCancelled(g.groupId(), g.programId(), g.occurredAt()));
			case EventTypes.Sessions.SESSION_SCHEDULED ->
				this.consumer.handle(event, SessionScheduled.class, (e, s) -> this.model.session(s.sessionId(),
						s.groupId(), s.startsAt(), s.endsAt(), "SCHEDULED", s.occurredAt()));
			case EventTypes.Sessions.SESSION_RESCHEDULED ->
				this.consumer.handle(event, SessionRescheduled.class, (e, s) -> this.model.session(s.sessionId(),
						s.groupId(), s.startsAt(), s.endsAt(), "SCHEDULED", s.occurredAt()));
			case EventTypes.Sessions.SESSION_CANCELLED ->
				this.consumer.handle(event, SessionCancelled.class, (e, s) -> this.model.session(s.sessionId(),
						s.groupId(), s.startsAt(), null, "CANCELLED", s.occurredAt()));
			case EventTypes.Sessions.SESSION_STARTED -> this.consumer.handle(event, SessionStarted.class,
					(e, s) -> this.model.session(s.sessionId(), s.groupId(), null, null, "STARTED", s.occurredAt()));
			case EventTypes.Sessions.SESSION_COMPLETED ->
				this.consumer.handle(event, SessionCompleted.class, (e, completed) -> {
					// the completion carries no occurredAt: its end time orders it
					this.model.session(completed.sessionId(), completed.groupId(), completed.startsAt(),
							completed.endsAt(), "COMPLETED", completed.endsAt());
					this.drafts.openFromCompletedSession(completed);
				});
			case EventTypes.Sessions.MEMBERSHIP_JOINED -> this.consumer.handle(event, MembershipJoined.class, (e,
					m) -> this.model.membership(m.episodeId(), m.groupId(), m.patientId(), "ACTIVE", m.occurredAt()));
			case EventTypes.Sessions.MEMBERSHIP_PROMOTED -> this.consumer.handle(event, MembershipPromoted.class, (e,
					m) -> this.model.membership(m.episodeId(), m.groupId(), m.patientId(), "ACTIVE", m.occurredAt()));
			case EventTypes.Sessions.MEMBERSHIP_WAITLISTED ->
				this.consumer.handle(event, MembershipWaitlisted.class, (e, m) -> this.model.membership(m.episodeId(),
						m.groupId(), m.patientId(), "WAITLISTED", m.occurredAt()));
			case EventTypes.Sessions.MEMBERSHIP_LEFT ->
				this.consumer.handle(event, MembershipLeft.class, (e, m) -> this.model.membership(m.episodeId(),
						m.groupId(), m.patientId(), (m.status() != null) ? m.status() : "LEFT", m.occurredAt()));
			default -> null;
		};
		if (ran == null) {
			log.debug("Ignored sessions event {} of type {}", event.getId(), event.getType());
		}
		else {
			log.debug("Sessions event {} ({}) for group {}: {}", event.getId(), event.getType(), record.key(),
					ran ? "handled" : "already processed, skipped");
		}
	}

	private void ensureIndexes() {
		if (!this.indexesEnsured) {
			this.processedEvents.ensureIndexes();
			this.indexesEnsured = true;
		}
	}

}
