package org.therapygroups.notes.pattern;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import org.therapygroups.notes.problem.NoteProblems;
import org.therapygroups.platform.security.Actor;
import org.therapygroups.notes.audit.AuditAction;
import org.therapygroups.notes.audit.AuditOutcome;
import org.therapygroups.notes.audit.AuditRecord;
import org.therapygroups.notes.audit.AuditTrail;
import org.therapygroups.notes.crypto.NoteCrypto;
import org.therapygroups.notes.note.SignedProcessNote;
import org.therapygroups.notes.note.SignedProcessNotes;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.notes.sessions.SessionsReadModel;
import org.therapygroups.notes.template.TemplateValidator;

/**
 * Themes, resistance, defenses, pattern domains and CBT distortions of one patient over
 * time, counted per month with the sessions they came from, from signed process notes.
 * <p>
 * Only a clinician who facilitates (or supervises) a group the patient belongs to now
 * sees it, and only from the notes of those groups: process notes of other groups stay
 * with their own facilitators. A tag search goes through the blind index, so the database
 * is asked for a keyed hash, never for the tag.
 */
@Service
public class Patterns {

	/** Template pattern kinds to their name in the answer. */
	static final Map<String, String> KINDS = Map.of("theme", "themes", "resistance", "resistance", "defense",
			"defenses", "patternDomain", "patternDomains", "distortion", "distortions");

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

	private final SignedProcessNotes processNotes;

	private final SessionsReadModel sessions;

	private final NoteCrypto crypto;

	private final AuditTrail audit;

	Patterns(SignedProcessNotes processNotes, SessionsReadModel sessions, NoteCrypto crypto, AuditTrail audit) {
		this.processNotes = processNotes;
		this.sessions = sessions;
		this.crypto = crypto;
		this.audit = audit;
	}

	/**
	 * The patterns of one patient.
	 * @param actor the caller
	 * @param patientId the patient
	 * @param kind the kind of a searched tag ({@code theme} by default)
	 * @param tag only sessions whose signed note carries this tag, or {@code null}
	 * @return counts per month
	 */
	public PatternView forPatient(Actor actor, String patientId, String kind, String tag) {
		List<String> patient = List.of(patientId);
		if (!actor.isClinician()) {
			this.audit.record(AuditRecord.of(actor, AuditAction.READ_PATTERNS, null, patient, AuditOutcome.DENIED));
			throw NoteProblems.forbidden();
		}
		Set<String> groups = this.sessions.facilitatedOrSupervised(actor.id(), this.sessions.groupsOf(patientId));
		if (groups.isEmpty()) {
			this.audit.record(AuditRecord.of(actor, AuditAction.READ_PATTERNS, null, patient, AuditOutcome.DENIED));
			throw new ApiProblem(org.springframework.http.HttpStatus.NOT_FOUND, "No such patient in your groups.");
		}
		String searchKind = (kind != null) ? kind : "theme";
		if (tag != null && (!KINDS.containsKey(searchKind) || tag.isBlank())) {
			this.audit.record(AuditRecord.of(actor, AuditAction.READ_PATTERNS, null, patient, AuditOutcome.FAILED));
			throw ApiProblem.badRequest(List.of(new FieldError(tag.isBlank() ? "tag" : "kind",
					tag.isBlank() ? "must not be blank" : "must be one of " + String.join(", ", KINDS.keySet()))));
		}
		String token = (tag != null) ? this.crypto.blindIndex(searchKind, tag) : null;
		List<SignedProcessNote> signed = this.processNotes.of(patientId, groups, token);
		Map<String, Map<String, Map<String, Count>>> months = new TreeMap<>();
		for (SignedProcessNote note : signed) {
			String month = MONTH.format(note.serviceDate());
			TemplateValidator.patterns(note.template().process(), note.process()).forEach((patternKind, values) -> {
				String name = KINDS.get(patternKind);
				if (name == null) {
					return;
				}
				for (String value : new LinkedHashSet<>(values)) {
					String key = "theme".equals(patternKind) ? value.strip().toLowerCase(Locale.ROOT) : value;
					months.computeIfAbsent(month, (m) -> new TreeMap<>())
						.computeIfAbsent(name, (n) -> new TreeMap<>())
						.computeIfAbsent(key, (k) -> new Count())
						.add(note.sessionId());
				}
			});
		}
		List<PatternView.Month> result = new ArrayList<>();
		months.forEach((month, kinds) -> {
			Map<String, List<PatternView.Item>> items = new TreeMap<>();
			kinds.forEach((name, values) -> items.put(name,
					values.entrySet()
						.stream()
						.map((e) -> new PatternView.Item(e.getKey(), e.getValue().sessions.size(),
								List.copyOf(e.getValue().sessions)))
						.sorted((a, b) -> Integer.compare(b.count(), a.count()))
						.toList()));
			result.add(new PatternView.Month(month, items));
		});
		this.audit.record(AuditRecord.of(actor, AuditAction.READ_PATTERNS, null, patient, AuditOutcome.SUCCESS));
		return new PatternView(patientId, signed.size(), signed.stream().map(SignedProcessNote::sessionId).toList(),
				result);
	}

	private static final class Count {

		private final Set<String> sessions = new LinkedHashSet<>();

		void add(String sessionId) {
			this.sessions.add(sessionId);
		}

	}

}
