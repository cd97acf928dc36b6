package org.therapygroups.devstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load created, what it found already there, how long it took and what the
 * program's dashboard, alerts and documentation status show afterwards.
 */
public final class DemoReport {

	/** What the loader counts. */
	public enum Kind {

		STAFF("therapist accounts"), PATIENTS("patients"), GROUPS("groups"), MEMBERS("members since a past week"),
		SELF_ENROLLED("self-enrolled members"), WAITLISTED("waitlist places"), SESSIONS("past sessions held"),
		CANCELLED("sessions called off"), ATTENDANCE("attendance records"), NOTES_SIGNED("notes signed"),
		NOTES_OPEN("notes left unsigned");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	private final Map<Kind, AtomicInteger> created = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicInteger> existing = new EnumMap<>(Kind.class);

	private volatile String programId;

	private volatile Duration took = Duration.ZERO;

	private volatile Figures figures;

	private volatile List<String> therapistLogins = List.of();

	private volatile List<String> patientLogins = List.of();

	private volatile int withoutGroup;

	DemoReport() {
		for (Kind kind : Kind.values()) {
			this.created.put(kind, new AtomicInteger());
			this.existing.put(kind, new AtomicInteger());
		}
	}

	void created(Kind kind, int count) {
		this.created.get(kind).addAndGet(count);
	}

	void existing(Kind kind, int count) {
		this.existing.get(kind).addAndGet(count);
	}

	/** Counts something the loader leaves as it is (a draft left unsigned). */
	void counted(Kind kind, int count) {
		this.existing.get(kind).addAndGet(count);
	}

	public int created(Kind kind) {
		return this.created.get(kind).get();
	}

	public int existing(Kind kind) {
		return this.existing.get(kind).get();
	}

	/** Everything this load created; 0 when the program was complete already. */
	public int totalCreated() {
		return this.created.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	public String programId() {
		return this.programId;
	}

	void programId(String id) {
		this.programId = id;
	}

	public Duration took() {
		return this.took;
	}

	void took(Duration duration) {
		this.took = duration;
	}

	/**
	 * The program's figures after the load, or {@code null} if they could not be read.
	 */
	public Figures figures() {
		return this.figures;
	}

	void figures(Figures figures) {
		this.figures = figures;
	}

	void logins(List<String> therapists, List<String> patients, int withoutGroup) {
		this.therapistLogins = List.copyOf(therapists);
		this.patientLogins = List.copyOf(patients);
		this.withoutGroup = withoutGroup;
	}

	/**
	 * Prints the summary: a table of new and existing records, the figures, the logins.
	 * @param out where to
	 */
	public void print(PrintStream out) {
		long seconds = this.took.toSeconds();
		out.printf("%nDemo program \"%s\" %s in %d min %02d s:%n", DemoProgram.NAME,
				(totalCreated() == 0) ? "checked" : "loaded", seconds / 60, seconds % 60);
		out.printf("  %-28s %6s %14s%n", "", "new", "already there");
		for (Kind kind : Kind.values()) {
			if (kind == Kind.NOTES_OPEN) {
				out.printf("  %-28s %6s %14d%n", kind.label, "", existing(kind));
			}
			else if (kind == Kind.ATTENDANCE) {
				out.printf("  %-28s %6d %14s%n", kind.label, created(kind), "(in held)");
			}
			else {
				out.printf("  %-28s %6d %14d%n", kind.label, created(kind), existing(kind));
			}
		}
		if (totalCreated() == 0) {
			out.println("  Nothing new: the demo program was complete already.");
		}
		if (this.withoutGroup > 0) {
			out.printf("  %d patients have no group yet (to place from the director console).%n", this.withoutGroup);
		}
		if (this.figures != null) {
			Figures f = this.figures;
			out.printf(
					"Figures of the program (%s to %s): %d sessions held, %d attended, attendance %s, no-shows %d (%s);"
							+ "%n  %d waiting for a seat, %d open engagement alerts, notes: %d signed, %d unsigned of which %d overdue.%n",
					f.from(), f.to(), f.sessionsHeld(), f.attended(), percent(f.attendanceRate()), f.noShows(),
					percent(f.noShowRate()), f.waitlisted(), f.openAlerts(), f.notesSigned(), f.notesUnsigned(),
					f.notesOverdue());
		}
		out.println("Demo logins (local only):");
		out.println("  " + DemoProgram.DIRECTOR + " / " + DemoProgram.DIRECTOR_PASSWORD + "  directs the program");
		out.println("  therapists, password " + DemoProgram.STAFF_PASSWORD + ":");
		this.therapistLogins.forEach((login) -> out.println("    " + login));
		out.println("  patients, password " + DemoProgram.PATIENT_PASSWORD + ", for example:");
		this.patientLogins.forEach((login) -> out.println("    " + login));
	}

	private static String percent(Double ratio) {
		return (ratio == null) ? "–" : String.format("%.1f %%", ratio * 100);
	}

	/**
	 * The program after the load, as its director sees it.
	 *
	 * @param from first day of the dashboard range
	 * @param to last day
	 * @param sessionsHeld sessions held in the range
	 * @param attended attendances (present, late, left early)
	 * @param noShows no-shows
	 * @param attendanceRate attended of all recorded outcomes
	 * @param noShowRate no-shows of all recorded outcomes
	 * @param waitlisted patients waiting for a seat now
	 * @param openAlerts open engagement alerts
	 * @param notesSigned signed notes
	 * @param notesUnsigned unsigned notes
	 * @param notesOverdue unsigned notes past 72 hours
	 */
	public record Figures(String from, String to, long sessionsHeld, long attended, long noShows, Double attendanceRate,
			Double noShowRate, int waitlisted, int openAlerts, int notesSigned, int notesUnsigned, int notesOverdue) {
	}

}
