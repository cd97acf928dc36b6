package org.therapygroups.sessions.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.therapygroups.events.sessions.AlertCleared;
import org.therapygroups.events.sessions.AlertRaised;
import org.therapygroups.events.sessions.AlertResolved;
import org.therapygroups.sessions.dashboard.Dashboards;
import org.therapygroups.sessions.dashboard.MemberChanged;
import org.therapygroups.sessions.dashboard.MemberModel;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.platform.mongo.DefaultDatabase;
import org.therapygroups.platform.outbox.OutboxRelay;
import org.therapygroups.sessions.program.Programs;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;
import org.therapygroups.platform.problem.Violations;

/**
 * Raises engagement alerts from the read model's members, clears them when the patient
 * attends again, and lets staff resolve them. Attendance changes are evaluated as they
 * arrive (in the dashboard consumer's thread, so a failure retries the event); the
 * time-based rule (nothing attended for n days) by a sweep over the active members.
 */
@Service
class Alerts {

	/** Follow-up outcomes. */
	static final Set<String> OUTCOMES = Set.of("REACHED", "RESCHEDULED", "DISCHARGED", "OTHER");

	static final int MAX_NOTE = 200;

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	private final MongoTemplate mongo;

	private final Dashboards dashboards;

	private final Programs programs;

	private final Directory directory;

	private final OutboxRelay relay;

	private final Clock clock;

	Alerts(MongoTemplate mongo, Dashboards dashboards, Programs programs, Directory directory, OutboxRelay relay,
			Clock clock) {
		this.mongo = mongo;
		this.dashboards = dashboards;
		this.programs = programs;
		this.directory = directory;
		this.relay = relay;
		this.clock = clock;
		DefaultDatabase.indexVersionedSaves(mongo, Alert.class);
	}

	@EventListener
	void on(MemberChanged change) {
		MemberModel after = change.after();
		Instant now = this.clock.instant();
		boolean changed = false;
		if (change.before() != null && change.sessionId() != null
				&& !RiskRules.episode(change.before()).equals(RiskRules.episode(after))) {
			// attended again: the episode of risk is over
			for (Rule rule : Rule.values()) {
				changed |= clear(Alert.id(after.groupId(), after.patientId(), rule, RiskRules.episode(change.before())),
						change.sessionId(), now);
			}
		}
		if (change.sessionId() != null) {
			Set<Rule> matched = RiskRules.matched(after, rules(after.programId()), now);
			// the time-based rule belongs to the sweep: on a replay of old events every
			// member would match it for a moment
			matched.remove(Rule.NO_ATTENDANCE);
			changed |= raise(after, matched, now);
		}
		if (changed) {
			this.relay.trigger();
		}
	}

	/** Evaluates every active member, for the rule that only time can trigger. */
	@Scheduled(initialDelayString = "${therapy.alerts.sweep-delay:2m}",
			fixedDelayString = "${therapy.alerts.sweep-interval:1h}")
	int sweep() {
		Instant now = this.clock.instant();
		int raised = 0;
		for (MemberModel member : this.mongo.find(Query.query(Criteria.where("status").is("ACTIVE")),
				MemberModel.class)) {
			if (member.programId() != null
					&& raise(member, RiskRules.matched(member, rules(member.programId()), now), now)) {
				raised++;
			}
		}
		if (raised > 0) {
			this.relay.trigger();
		}
		return raised;
	}

	private boolean raise(MemberModel member, Set<Rule> rules, Instant now) {
		boolean raised = false;
		String episode = RiskRules.episode(member);
		for (Rule rule : rules) {
			if (this.mongo.findById(Alert.id(member.groupId(), member.patientId(), rule, episode),
					Alert.class) != null) {
				continue;
			}
			List<String> facilitators = this.dashboards.facilitatorsOf(member.groupId());
			Alert alert = new Alert(member.programId(), member.groupId(), member.patientId(), rule, episode,
					facilitators, now);
			alert.record(new AlertRaised(alert.getId(), member.groupId(), member.programId(), member.patientId(),
					rule.name(), facilitators, now));
			try {
				this.mongo.insert(alert);
				raised = true;
				log.info("Alert {} raised: rule {} in group {}", alert.getId(), rule, member.groupId());
			}
			catch (DuplicateKeyException ex) {
				// raised meanwhile: once per episode
			}
		}
		return raised;
	}

	private boolean clear(String alertId, String sessionId, Instant now) {
		return Boolean.TRUE.equals(Retries.onConflict(() -> {
			Alert alert = this.mongo.findById(alertId, Alert.class);
			if (alert == null || !Alert.OPEN.equals(alert.getStatus())) {
				return false;
			}
			alert.clear(now);
			alert.record(new AlertCleared(alert.getId(), alert.getGroupId(), alert.getPatientId(),
					alert.getRule().name(), sessionId, now));
			this.mongo.save(alert);
			return true;
		}));
	}

	AlertView resolve(String alertId, String outcome, String note, Actor actor) {
		Violations violations = new Violations();
		String normalised = (outcome != null) ? outcome.toUpperCase(Locale.ROOT) : null;
		if (normalised == null || !OUTCOMES.contains(normalised)) {
			violations.add("outcome", "must be REACHED, RESCHEDULED, DISCHARGED or OTHER");
		}
		String text = (note != null && !note.isBlank()) ? note.strip() : null;
		if ("OTHER".equals(normalised) && text == null) {
			violations.add("note", "is required with the outcome OTHER");
		}
		if (text != null && text.length() > MAX_NOTE) {
			violations.add("note", "must be at most " + MAX_NOTE + " characters");
		}
		Alert found = visible(alertId, actor);
		violations.throwIfAny();
		Alert saved = Retries.onConflict(() -> {
			Alert alert = this.mongo.findById(found.getId(), Alert.class);
			if (!Alert.OPEN.equals(alert.getStatus())) {
				throw ApiProblem.conflict("The alert is " + alert.getStatus().toLowerCase(Locale.ROOT) + ".");
			}
			Instant now = this.clock.instant();
			alert.resolve(normalised, text, actor.id(), now);
			alert.record(new AlertResolved(alert.getId(), alert.getGroupId(), alert.getPatientId(),
					alert.getRule().name(), normalised, actor.id(), now));
			return this.mongo.save(alert);
		});
		this.relay.trigger();
		return view(saved);
	}

	List<AlertView> list(Actor actor, String programId, String status) {
		Criteria criteria;
		if (actor.is(Actor.Role.DIRECTOR)) {
			if (programId == null || programId.isBlank()) {
				throw ApiProblem.badRequest("programId", "is required for directors");
			}
			this.programs.directedBy(programId, actor);
			criteria = Criteria.where("programId").is(programId);
		}
		else if (actor.is(Actor.Role.THERAPIST)) {
			criteria = Criteria.where("facilitatorIds").is(actor.id());
			if (programId != null && !programId.isBlank()) {
				criteria = criteria.and("programId").is(programId);
			}
		}
		else {
			throw ApiProblem.forbidden("Alerts are for staff.");
		}
		if (status != null && !status.isBlank()) {
			String wanted = status.toUpperCase(Locale.ROOT);
			if (!Set.of(Alert.OPEN, Alert.RESOLVED, Alert.CLEARED).contains(wanted)) {
				throw ApiProblem.badRequest("status", "must be OPEN, RESOLVED or CLEARED");
			}
			criteria = criteria.and("status").is(wanted);
		}
		List<AlertView> views = new ArrayList<>();
		for (Alert alert : this.mongo.find(Query.query(criteria), Alert.class)) {
			views.add(view(alert));
		}
		views.sort(Comparator.comparing(AlertView::raisedAt).reversed().thenComparing(AlertView::id));
		return views;
	}

	AlertView get(String alertId, Actor actor) {
		return view(visible(alertId, actor));
	}

	private Alert visible(String alertId, Actor actor) {
		if (actor.is(Actor.Role.PATIENT)) {
			throw ApiProblem.forbidden("Alerts are for staff.");
		}
		Alert alert = this.mongo.findById(alertId, Alert.class);
		if (alert == null) {
			throw ApiProblem.notFound("Alert " + alertId);
		}
		boolean facilitator = actor.is(Actor.Role.THERAPIST) && (alert.getFacilitatorIds().contains(actor.id())
				|| this.dashboards.facilitatorsOf(alert.getGroupId()).contains(actor.id()));
		boolean director = actor.is(Actor.Role.DIRECTOR)
				&& this.dashboards.mayWatchProgram(alert.getProgramId(), actor);
		if (!facilitator && !director) {
			throw ApiProblem.forbidden("Only the group's facilitators and the program's directors see this alert.");
		}
		return alert;
	}

	AlertRules rules(String programId) {
		AlertRules rules = (programId != null) ? this.mongo.findById(programId, AlertRules.class) : null;
		return (rules != null) ? rules : AlertRules.defaults(programId);
	}

	AlertRules rules(String programId, Actor actor) {
		this.programs.directedBy(programId, actor);
		return rules(programId);
	}

	AlertRules changeRules(String programId, AlertRules edited, Actor actor) {
		this.programs.directedBy(programId, actor);
		AlertRules rules = new AlertRules(programId, edited.consecutiveMissed(), edited.minAttendancePercent(),
				edited.windowWeeks(), edited.silentDays(), null, null)
			.validated()
			.changedBy(actor.id(), this.clock.instant());
		return this.mongo.save(rules);
	}

	private AlertView view(Alert alert) {
		return AlertView.of(alert,
				this.directory.find(alert.getPatientId()).map(DirectoryUser::displayName).orElse(null));
	}

}
