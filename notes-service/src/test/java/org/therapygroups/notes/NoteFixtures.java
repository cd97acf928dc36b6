package org.therapygroups.notes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.therapygroups.events.sessions.AttendanceStatus;
import org.therapygroups.events.sessions.Facilitator;
import org.therapygroups.events.sessions.GroupCreated;
import org.therapygroups.events.sessions.GroupDefinition;
import org.therapygroups.events.sessions.MembershipJoined;
import org.therapygroups.events.sessions.RosterEntry;
import org.therapygroups.events.sessions.SessionCompleted;

/**
 * Object Mother of the note tests: a group with a lead therapist, a co-facilitator, an
 * optional supervisor and three members (A present, B late, C no-show), and note content
 * whose clinical phrases are easy to search for in raw storage, logs and events.
 */
public final class NoteFixtures {

	/** A phrase that appears in every filled note: it must never appear anywhere else. */
	public static final String SECRET = "drinks-when-abandoned-7Q";

	private NoteFixtures() {
	}

	public static Scenario scenario(String modality, boolean supervised) {
		return new Scenario(id(), id(), id(), id(), id(), supervised ? id() : null, id(), id(), id(), id(), id(),
				modality, null);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Ids of one test's world.
	 *
	 * @param outsider a therapist facilitating nothing here
	 * @param director the director of the program
	 */
	public record Scenario(String groupId, String programId, String sessionId, String therapist, String coFacilitator,
			String supervisor, String patientA, String patientB, String patientC, String outsider, String director,
			String modality, String noteId) {

		public Scenario withNoteId(String noteId) {
			return new Scenario(this.groupId, this.programId, this.sessionId, this.therapist, this.coFacilitator,
					this.supervisor, this.patientA, this.patientB, this.patientC, this.outsider, this.director,
					this.modality, noteId);
		}

		public List<String> patients() {
			return List.of(this.patientA, this.patientB, this.patientC);
		}

		public GroupCreated groupCreated() {
			return new GroupCreated(this.groupId,
					new GroupDefinition(this.programId, "Tuesday aftercare", this.modality, "Europe/Berlin",
							List.of(new Facilitator(this.therapist, "LEAD"),
									new Facilitator(this.coFacilitator, "CO_FACILITATOR")),
							this.supervisor, null, List.of(this.director)),
					this.therapist, Instant.now().minus(30, ChronoUnit.DAYS));
		}

		public MembershipJoined joined(String patientId) {
			return new MembershipJoined(UUID.randomUUID().toString(), this.groupId, patientId, patientId,
					Instant.now().minus(20, ChronoUnit.DAYS));
		}

		public SessionCompleted sessionCompleted() {
			Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
			return completedAt(this.sessionId, start);
		}

		public SessionCompleted completedAt(String sessionId, Instant start) {
			return new SessionCompleted(sessionId, this.groupId, this.programId, this.modality, start,
					start.plus(90, ChronoUnit.MINUTES),
					List.of(new RosterEntry(this.patientA, AttendanceStatus.PRESENT),
							new RosterEntry(this.patientB, AttendanceStatus.LATE),
							new RosterEntry(this.patientC, AttendanceStatus.NO_SHOW)),
					List.of(this.therapist, this.coFacilitator));
		}

	}

	public static Map<String, Object> groupPart() {
		return Map.of("topic", "Shame and relapse " + SECRET, "goals", "Name triggers", "interventions",
				"Here-and-now process", "groupDynamics", "Early silence, then pairing", "plan", "Continue");
	}

	/** A psychodynamic member entry: progress entry and process note. */
	public static Map<String, Object> psychodynamicEntry(String... themes) {
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("participation", "ENGAGED");
		progress.put("response", "Spoke about the weekend " + SECRET);
		progress.put("progressTowardGoals", "Named two triggers");
		progress.put("riskFlags",
				List.of(Map.of("kind", "RELAPSE", "detail", "Craving on Friday", "followUp", "Call on Thursday")));
		progress.put("plan", "Keep the diary");
		Map<String, Object> process = new LinkedHashMap<>();
		process.put("freeAssociationThemes",
				List.of(Map.of("tags", List.of(themes.length > 0 ? themes : new String[] { "abandonment" }), "text",
						"Returned to the father leaving " + SECRET)));
		process.put("resistance", List.of(Map.of("kind", "SILENCE", "observation", "Long pause at the start")));
		process.put("defenses", List.of(Map.of("kind", "MINIMISATION", "observation", "Only a few beers"),
				Map.of("kind", "RATIONALISATION", "observation", "Everyone drinks")));
		process.put("repeatingPatterns", List.of(Map.of("domain", "RELATIONSHIPS", "description", "Leaves first")));
		process.put("pastPresentLinks", List.of(Map.of("past", "Father left", "present", "Drinks when alone")));
		process.put("transference", "Seeks approval of the lead");
		process.put("countertransference", "Protective");
		process.put("dreams", "A locked house");
		process.put("silence", "Held");
		return Map.of("progress", progress, "process", process);
	}

	/** A CBT member entry with a thought record. */
	public static Map<String, Object> cbtEntry(int intensity, String... distortions) {
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("participation", "ACTIVE");
		progress.put("response", "Did the record " + SECRET);
		progress.put("homeworkAssigned", "Two thought records");
		progress.put("homeworkReviewed", "One of two done");
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("situation", "Alone on Friday " + SECRET);
		record.put("automaticThought", "Nobody cares");
		record.put("emotion", "sad");
		record.put("intensity", intensity);
		record.put("distortions", List.of(distortions));
		record.put("evidenceFor", "No calls");
		record.put("evidenceAgainst", "Sister visited");
		record.put("alternativeThought", "Some people care");
		record.put("reratedIntensity", 40);
		Map<String, Object> process = new LinkedHashMap<>();
		process.put("agendaItems", List.of("Cravings"));
		process.put("thoughtRecords", List.of(record));
		process.put("skillsPractised", List.of("Urge surfing"));
		return Map.of("progress", progress, "process", process);
	}

	/**
	 * A body for a member save.
	 * @param version the member's entry's version edited (0 before its first save)
	 */
	public static Map<String, Object> save(long version, Map<String, Object> entry) {
		Map<String, Object> body = new LinkedHashMap<>(entry);
		body.put("version", version);
		return body;
	}

}
