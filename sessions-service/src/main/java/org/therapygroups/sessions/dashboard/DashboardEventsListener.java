package org.therapygroups.sessions.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import org.therapygroups.events.EventFormatException;
import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.idempotency.IdempotentConsumer;
import org.therapygroups.events.idempotency.MongoProcessedEvents;
import org.therapygroups.events.notes.NoteDrafted;
import org.therapygroups.events.notes.NoteSigned;
import org.therapygroups.events.notes.NoteVoided;
import org.therapygroups.events.sessions.AttendanceCorrected;
import org.therapygroups.events.sessions.AttendanceRecorded;
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

/**
 * Feeds the dashboards' read model from {@code sessions.events} and {@code notes.events},
 * with one consumer group for all instances (the read model is shared). Both topics are
 * keyed by group id, so one group's events arrive in order; one container thread handles
 * them. Event ids already applied are skipped ({@link IdempotentConsumer}), attendance
 * events by their version instead (an older or the same version changes nothing), and the
 * projection sets values instead of adding to them, so a retry after a crash between two
 * writes converges.
 * <p>
 * {@link #rebuild()} empties the read model and the consumer's processed ids and reads
 * both topics again from the beginning.
 */
@Component
class DashboardEventsListener implements ConsumerSeekAware {

	static final String CONSUMER_NAME = "sessions-service.dashboard";

	private static final Logger log = LoggerFactory.getLogger(DashboardEventsListener.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(DashboardEventsListener.class);

	private final MongoTemplate mongo;

	private final MongoProcessedEvents processedEvents;

	private final IdempotentConsumer consumer;

	private final DashboardProjection projection;

	private final KafkaListenerEndpointRegistry registry;

	private final AtomicBoolean fromBeginning = new AtomicBoolean();

	private final boolean rebuildOnStart;

	private volatile boolean indexesEnsured;

	DashboardEventsListener(MongoTemplate mongo, DashboardProjection projection, KafkaListenerEndpointRegistry registry,
			@Value("${therapy.dashboard.rebuild-on-start:false}") boolean rebuildOnStart) {
		this.rebuildOnStart = rebuildOnStart;
		this.mongo = mongo;
		this.processedEvents = MongoProcessedEvents.in(mongo.getDb());
		this.consumer = new IdempotentConsumer(CONSUMER_NAME, this.processedEvents);
		this.projection = projection;
		this.registry = registry;
	}

	/**
	 * A poll's records in their order. Consecutive attendance events (a roster, a busy
	 * evening) are applied together; every other event on its own. Polls are not held
	 * back to gather more: a larger batch is a burst of work that the requests answered
	 * meanwhile wait behind (measured: p99 of a roster request at 500 rows/s 108-143 ms
	 * with polls waiting up to 250 ms for 64 KiB). A record that fails is named to the
	 * error handler with its index, so the records before it count as handled and it is
	 * retried, or parked if it can never be read.
	 */
	@KafkaListener(id = CONSUMER_NAME, topics = { Topics.SESSIONS, Topics.NOTES },
			groupId = "${spring.application.name}.dashboard", concurrency = "1", batch = "true")
	void on(List<ConsumerRecord<String, CloudEvent>> records) {
		ensureIndexes();
		int next = 0;
		while (next < records.size()) {
			int end = next;
			while (end < records.size() && isAttendance(records.get(end).value())) {
				end++;
			}
			if (end > next) {
				attendance(records.subList(next, end));
				next = end;
			}
			else {
				one(records.get(next));
				next++;
			}
		}
	}

	private void one(ConsumerRecord<String, CloudEvent> record) {
		CloudEvent event = record.value();
		if (event == null) {
			DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
			if (unreadable != null) {
				throw new BatchListenerFailedException("unreadable record", unreadable, record);
			}
			return;
		}
		DashboardProjection p = this.projection;
		Boolean ran;
		try {
			ran = switch (event.getType()) {
				case EventTypes.Sessions.GROUP_CREATED -> this.consumer.handle(event, GroupCreated.class,
						(e, g) -> p.groupDefined(g.groupId(), g.definition()));
				case EventTypes.Sessions.GROUP_UPDATED -> this.consumer.handle(event, GroupUpdated.class,
						(e, g) -> p.groupDefined(g.groupId(), g.definition()));
				case EventTypes.Sessions.SESSION_SCHEDULED -> this.consumer.handle(event, SessionScheduled.class,
						(e, s) -> p.sessionScheduled(s.sessionId(), s.groupId(), s.startsAt(), s.endsAt()));
				case EventTypes.Sessions.SESSION_RESCHEDULED -> this.consumer.handle(event, SessionRescheduled.class,
						(e, s) -> p.sessionScheduled(s.sessionId(), s.groupId(), s.startsAt(), s.endsAt()));
				case EventTypes.Sessions.SESSION_CANCELLED -> this.consumer.handle(event, SessionCancelled.class,
						(e, s) -> p.sessionStatus(s.sessionId(), s.groupId(), SessionModel.CANCELLED));
				case EventTypes.Sessions.SESSION_STARTED -> this.consumer.handle(event, SessionStarted.class,
						(e, s) -> p.sessionStatus(s.sessionId(), s.groupId(), SessionModel.STARTED));
				case EventTypes.Sessions.SESSION_COMPLETED -> this.consumer.handle(event, SessionCompleted.class,
						(e, s) -> p.sessionCompleted(s.sessionId(), s.groupId(), s.startsAt(), s.endsAt()));
				case EventTypes.Sessions.MEMBERSHIP_JOINED -> this.consumer.handle(event, MembershipJoined.class,
						(e, m) -> p.membership(m.episodeId(), m.groupId(), m.patientId(), "ACTIVE", m.occurredAt()));
				case EventTypes.Sessions.MEMBERSHIP_PROMOTED -> this.consumer.handle(event, MembershipPromoted.class,
						(e, m) -> p.membership(m.episodeId(), m.groupId(), m.patientId(), "ACTIVE", m.occurredAt()));
				case EventTypes.Sessions.MEMBERSHIP_WAITLISTED ->
					this.consumer.handle(event, MembershipWaitlisted.class, (e, m) -> p.membership(m.episodeId(),
							m.groupId(), m.patientId(), "WAITLISTED", m.occurredAt()));
				case EventTypes.Sessions.MEMBERSHIP_LEFT ->
					this.consumer.handle(event, MembershipLeft.class, (e, m) -> p.membership(m.episodeId(), m.groupId(),
							m.patientId(), (m.status() != null) ? m.status() : "LEFT", m.occurredAt()));
				case EventTypes.Notes.NOTE_DRAFTED -> this.consumer.handle(event, NoteDrafted.class,
						(e, n) -> p.noteDrafted(n.sessionId(), n.groupId(), n.sessionEndsAt()));
				case EventTypes.Notes.NOTE_SIGNED -> this.consumer.handle(event, NoteSigned.class,
						(e, n) -> p.noteSigned(n.sessionId(), n.groupId(), n.sessionEndsAt(), n.occurredAt()));
				case EventTypes.Notes.NOTE_VOIDED ->
					this.consumer.handle(event, NoteVoided.class, (e, n) -> p.noteVoided(n.sessionId(), n.groupId()));
				default -> null;
			};
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("dashboard event not applied", ex, record);
		}
		if (ran != null) {
			log.debug("Dashboard event {} ({}) for group {}: {}", event.getId(), event.getType(), record.key(),
					ran ? "applied" : "already applied, skipped");
		}
	}

	/**
	 * Consecutive attendance events, applied in one go. They are not looked up in or
	 * recorded among the processed ids: the projection keeps each member's attendance
	 * version in the session and ignores an older one, so an event applied twice leaves
	 * the same documents, and recording a poll's ids was the most expensive write of the
	 * whole step (a document per event). An event whose payload does not fit stops the
	 * run there: the ones before it are applied, and it is named to the error handler.
	 */
	private void attendance(List<ConsumerRecord<String, CloudEvent>> records) {
		List<DashboardProjection.Attended> events = new ArrayList<>();
		for (ConsumerRecord<String, CloudEvent> record : records) {
			try {
				events.add(attended(record.value()));
			}
			catch (EventFormatException ex) {
				apply(events, records.get(0));
				throw new BatchListenerFailedException("attendance event not readable", ex, record);
			}
		}
		apply(events, records.get(0));
		log.debug("Dashboard: {} attendance events applied", events.size());
	}

	private void apply(List<DashboardProjection.Attended> events, ConsumerRecord<String, CloudEvent> first) {
		try {
			this.projection.attendance(events);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("attendance events not applied", ex, first);
		}
	}

	private static boolean isAttendance(CloudEvent event) {
		return event != null && (EventTypes.Sessions.ATTENDANCE_RECORDED.equals(event.getType())
				|| EventTypes.Sessions.ATTENDANCE_CORRECTED.equals(event.getType()));
	}

	private static DashboardProjection.Attended attended(CloudEvent event) {
		if (EventTypes.Sessions.ATTENDANCE_RECORDED.equals(event.getType())) {
			AttendanceRecorded a = Events.payload(event, AttendanceRecorded.class);
			return new DashboardProjection.Attended(a.sessionId(), a.groupId(), a.patientId(), a.status().name(),
					a.version());
		}
		AttendanceCorrected a = Events.payload(event, AttendanceCorrected.class);
		return new DashboardProjection.Attended(a.sessionId(), a.groupId(), a.patientId(), a.status().name(),
				a.version());
	}

	/**
	 * Empties the read model and reads both topics again from their beginning. Alerts are
	 * not part of it: their ids come from the events, so replayed events find them.
	 */
	void rebuild() {
		MessageListenerContainer container = this.registry.getListenerContainer(CONSUMER_NAME);
		if (container == null) {
			throw new IllegalStateException("the dashboard consumer is not registered");
		}
		container.stop();
		this.projection.clear();
		this.mongo.remove(Query.query(Criteria.where("consumer").is(CONSUMER_NAME)),
				MongoProcessedEvents.DEFAULT_COLLECTION);
		this.fromBeginning.set(true);
		container.start();
		log.info("Dashboard read model emptied; reading {} and {} from the beginning", Topics.SESSIONS, Topics.NOTES);
	}

	/**
	 * {@code THERAPY_DASHBOARD_REBUILD_ON_START=true} rebuilds the read model once the
	 * service is up: the documented way to rebuild it from the topics.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void rebuildOnStart() {
		if (this.rebuildOnStart) {
			rebuild();
		}
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		if (this.fromBeginning.getAndSet(false)) {
			Collection<TopicPartition> partitions = assignments.keySet();
			callback.seekToBeginning(partitions);
		}
	}

	private void ensureIndexes() {
		if (!this.indexesEnsured) {
			this.processedEvents.ensureIndexes();
			this.indexesEnsured = true;
		}
	}

}
