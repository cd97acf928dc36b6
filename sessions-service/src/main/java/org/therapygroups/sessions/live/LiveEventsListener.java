package org.therapygroups.sessions.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import org.therapygroups.events.EventTypes;
import org.therapygroups.events.Events;
import org.therapygroups.events.Topics;
import org.therapygroups.events.sessions.AlertRaised;
import org.therapygroups.events.sessions.AttendanceCorrected;
import org.therapygroups.events.sessions.AttendanceRecorded;
import org.therapygroups.sessions.dashboard.Dashboards;

/**
 * Pushes every attendance, membership, session, documentation and alert change to the
 * subscribers of its group and program on this instance. Each instance reads the topics
 * with a consumer group of its own, from the newest record on, so every instance sees
 * every change and delivers it to the screens connected to it. A frame is a delta: what
 * changed, where, and for attendance the member and status; a screen fetches the figures
 * again when it wants the totals. Nothing clinical is in a frame.
 */
@Component
class LiveEventsListener {

	static final String CONSUMER_NAME = "sessions-service.live";

	private static final Logger log = LoggerFactory.getLogger(LiveEventsListener.class);

	private final SimpMessagingTemplate broker;

	private final Dashboards dashboards;

	/**
	 * A group's program is set when the group is created and never changes, so each
	 * group's is read once rather than for every frame.
	 */
	private final Cache<String, String> programs = Caffeine.newBuilder().maximumSize(10_000).build();

	LiveEventsListener(SimpMessagingTemplate broker, Dashboards dashboards) {
		this.broker = broker;
		this.dashboards = dashboards;
	}

	@KafkaListener(id = CONSUMER_NAME, topics = { Topics.SESSIONS, Topics.NOTES },
			groupId = "#{@liveInstance.consumerGroup()}", containerFactory = "liveListenerFactory",
			properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, CloudEvent> record) {
		CloudEvent event = record.value();
		// both topics are keyed by group id, but for a program's rule change, which no
		// screen shows live
		String groupId = record.key();
		if (event == null || groupId == null || EventTypes.Sessions.ALERT_RULES_CHANGED.equals(event.getType())) {
			return;
		}
		try {
			Map<String, Object> frame = frame(event, groupId);
			this.broker.convertAndSend("/topic/groups/" + groupId, (Object) frame);
			Object programId = frame.get("programId");
			if (programId != null) {
				this.broker.convertAndSend("/topic/programs/" + programId, (Object) frame);
			}
		}
		catch (RuntimeException ex) {
			// a lost frame is not a lost change: the figures are in the read model
			log.warn("No live frame for event {} ({}): {}", event.getId(), event.getType(), ex.toString());
		}
	}

	/** {@code null} while the read model does not know the group yet (not kept). */
	private String programOf(String groupId) {
		String programId = this.programs.getIfPresent(groupId);
		if (programId == null) {
			programId = this.dashboards.programOf(groupId);
			if (programId != null) {
				this.programs.put(groupId, programId);
			}
		}
		return programId;
	}

	private Map<String, Object> frame(CloudEvent event, String groupId) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", event.getType());
		frame.put("eventId", event.getId());
		frame.put("groupId", groupId);
		frame.put("programId", programOf(groupId));
		frame.put("subject", event.getSubject());
		frame.put("time", (event.getTime() != null) ? event.getTime().toString() : null);
		switch (event.getType()) {
			case EventTypes.Sessions.ATTENDANCE_RECORDED -> {
				AttendanceRecorded a = Events.payload(event, AttendanceRecorded.class);
				frame.put("sessionId", a.sessionId());
				frame.put("patientId", a.patientId());
				frame.put("attendance", a.status().name());
			}
			case EventTypes.Sessions.ATTENDANCE_CORRECTED -> {
				AttendanceCorrected a = Events.payload(event, AttendanceCorrected.class);
				frame.put("sessionId", a.sessionId());
				frame.put("patientId", a.patientId());
				frame.put("attendance", a.status().name());
			}
			case EventTypes.Sessions.ALERT_RAISED -> {
				AlertRaised a = Events.payload(event, AlertRaised.class);
				frame.put("patientId", a.patientId());
				frame.put("rule", a.rule());
				frame.put("programId", a.programId());
			}
			default -> {
				// the type and subject say enough
			}
		}
		return frame;
	}

	/** This instance's consumer group and a container factory that never dead-letters. */
	@Configuration(proxyBeanMethods = false)
	static class LiveConsumers {

		@Bean
		LiveInstance liveInstance() {
			return new LiveInstance("sessions-service.live-" + UUID.randomUUID());
		}

		/**
		 * Boot's settings, but a failure is logged and skipped: every instance reads
		 * every record, so dead-lettering here would park one record once per instance.
		 */
		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> liveListenerFactory(
				ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
				ConsumerFactory<Object, Object> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			configurer.configure(factory, consumerFactory);
			factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
			return factory;
		}

	}

	/**
	 * The consumer group of this instance.
	 *
	 * @param consumerGroup a group id no other instance uses
	 */
	record LiveInstance(String consumerGroup) {
	}

}
