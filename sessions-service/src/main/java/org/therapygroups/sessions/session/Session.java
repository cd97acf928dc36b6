package org.therapygroups.sessions.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import org.therapygroups.events.EventSources;
import org.therapygroups.events.sessions.GroupEvent;
import org.therapygroups.events.sessions.SessionCompleted;
import org.therapygroups.platform.outbox.OutboxEntry;

/**
 * One meeting of a group: an occurrence of its recurrence (identified by the original
 * start, like an iCalendar RECURRENCE-ID) or an extra one-off session. Its attendance
 * versions and pending events live in this document, so recording attendance is one
 * atomic write.
 */
@Document("sessions")
public class Session {

	@Id
	private String id;

	@Version
	private Long version;

	private String groupId;

	private String programId;

	/** The start the recurrence gave it; {@code null} for an extra session. */
	private Instant originalStartsAt;

	private Instant startsAt;

	private Instant endsAt;

	private boolean extra;

	private SessionStatus status = SessionStatus.SCHEDULED;

	/** The facilitator and room bookings this session holds. */
	private List<String> resources = new ArrayList<>();

	private String cancelReason;

	private String cancelledBy;

	private Instant cancelledAt;

	private String rescheduleReason;

	private String rescheduledBy;

	private Instant startedAt;

	private String startedBy;

	private Instant completedAt;

	private String completedBy;

	private List<AttendanceRecord> attendance = new ArrayList<>();

	private List<OutboxEntry> outbox = new ArrayList<>();

	Session() {
	}

	public Session(String id, String groupId, String programId, Instant originalStartsAt, Instant startsAt,
			Instant endsAt, boolean extra, List<String> resources) {
		this.id = id;
		this.groupId = groupId;
		this.programId = programId;
		this.originalStartsAt = originalStartsAt;
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.extra = extra;
		this.resources = new ArrayList<>(resources);
	}

	/**
	 * The id of an occurrence: its group and its original start, so expanding the same
	 * occurrence twice (two instances of the horizon job) yields the same document.
	 * @param groupId the group
	 * @param originalStart the occurrence's start from the recurrence
	 * @return the session id
	 */
	public static String occurrenceId(String groupId, Instant originalStart) {
		return groupId + "_" + originalStart.toString().replace("-", "").replace(":", "");
	}

	public void record(GroupEvent event) {
		this.outbox.add(OutboxEntry.of(EventSources.SESSIONS_SERVICE, event, event.occurredAt()));
	}

	void record(SessionCompleted event, Instant occurredAt) {
		this.outbox.add(OutboxEntry.of(EventSources.SESSIONS_SERVICE, event, occurredAt));
	}

	void cancel(String reason, String actorId, Instant at) {
		this.status = SessionStatus.CANCELLED;
		this.cancelReason = reason;
		this.cancelledBy = actorId;
		this.cancelledAt = at;
	}

	void moveTo(Instant startsAt, Instant endsAt, String reason, String actorId) {
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.rescheduleReason = reason;
		this.rescheduledBy = actorId;
	}

	void start(String actorId, Instant at) {
		this.status = SessionStatus.IN_PROGRESS;
		this.startedAt = at;
		this.startedBy = actorId;
	}

	void complete(String actorId, Instant at) {
		this.status = SessionStatus.COMPLETED;
		this.completedAt = at;
		this.completedBy = actorId;
	}

	void useResources(List<String> resources) {
		this.resources = new ArrayList<>(resources);
	}

	/** Adds an attendance version; package-private to keep the rules in one place. */
	public void addAttendance(AttendanceRecord record) {
		this.attendance.add(record);
	}

	/** The latest version per member. */
	public Map<String, AttendanceRecord> currentAttendance() {
		Map<String, AttendanceRecord> current = new LinkedHashMap<>();
		this.attendance.stream()
			.sorted(Comparator.comparingInt(AttendanceRecord::version))
			.forEach((record) -> current.put(record.patientId(), record));
		return current;
	}

	public Optional<AttendanceRecord> currentAttendanceOf(String patientId) {
		return Optional.ofNullable(currentAttendance().get(patientId));
	}

	public List<AttendanceRecord> attendanceHistoryOf(String patientId) {
		return this.attendance.stream()
			.filter((record) -> record.patientId().equals(patientId))
			.sorted(Comparator.comparingInt(AttendanceRecord::version))
			.toList();
	}

	public String getId() {
		return this.id;
	}

	public Long getVersion() {
		return this.version;
	}

	public String getGroupId() {
		return this.groupId;
	}

	public String getProgramId() {
		return this.programId;
	}

	public Instant getOriginalStartsAt() {
		return this.originalStartsAt;
	}

	public Instant getStartsAt() {
		return this.startsAt;
	}

	public Instant getEndsAt() {
		return this.endsAt;
	}

	public boolean isExtra() {
		return this.extra;
	}

	public boolean isRescheduled() {
		return this.originalStartsAt != null && !this.originalStartsAt.equals(this.startsAt);
	}

	public SessionStatus getStatus() {
		return this.status;
	}

	public List<String> getResources() {
		return List.copyOf(this.resources);
	}

	public String getCancelReason() {
		return this.cancelReason;
	}

	public String getCancelledBy() {
		return this.cancelledBy;
	}

	public Instant getCancelledAt() {
		return this.cancelledAt;
	}

	public String getRescheduleReason() {
		return this.rescheduleReason;
	}

	public String getRescheduledBy() {
		return this.rescheduledBy;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public String getStartedBy() {
		return this.startedBy;
	}

	public Instant getCompletedAt() {
		return this.completedAt;
	}

	public String getCompletedBy() {
		return this.completedBy;
	}

	public List<AttendanceRecord> getAttendance() {
		return List.copyOf(this.attendance);
	}

	public List<OutboxEntry> getOutbox() {
		return List.copyOf(this.outbox);
	}

}
