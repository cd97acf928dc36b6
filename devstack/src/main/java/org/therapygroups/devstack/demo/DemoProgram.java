package org.therapygroups.devstack.demo;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the demo program is: its staff, groups, patients and who sits in which group since
 * when. Fixed data and a fixed seed, so every load plans the same program; nothing here
 * talks to the stack. All names are made up.
 */
public final class DemoProgram {

	public static final String NAME = "Riverside Aftercare";

	public static final String TIME_ZONE = "Europe/Berlin";

	/** The realm's demo director, who directs the program. */
	public static final String DIRECTOR = "director1";

	public static final String DIRECTOR_PASSWORD = "Demo-pass-1";

	/** The password the demo therapists chose when they accepted their invitation. */
	public static final String STAFF_PASSWORD = "Riverside-staff-2026";

	/** The password the demo patients chose when they accepted their invitation. */
	public static final String PATIENT_PASSWORD = "Riverside-member-2026";

	/** Staff sign in with their e-mail address; the demo's all end in this domain. */
	public static final String STAFF_DOMAIN = "riverside-demo.example.org";

	static final long SEED = 20260301L;

	public static final List<Therapist> THERAPISTS = List.of(
			new Therapist("Miriam", "Albers", "Psychological psychotherapist", "RV-PP-1041"),
			new Therapist("Jonas", "Brandt", "Addiction counsellor", "RV-AC-2217"),
			new Therapist("Aylin", "Demir", "Psychological psychotherapist", "RV-PP-1187"),
			new Therapist("Tobias", "Engel", "Psychoanalyst", "RV-PA-0962"),
			new Therapist("Sofia", "Lindqvist", "Addiction counsellor", "RV-AC-2304"),
			new Therapist("Samuel", "Mensah", "Clinical social worker", "RV-SW-3310"));

	/**
	 * The twelve groups. A smaller load takes the first ones, which already hold both
	 * modalities, a closed group and an aftercare group with self-enrolment, and two full
	 * groups with waitlists. No facilitator and no room is booked twice at the same time.
	 */
	public static final List<GroupPlan> GROUPS = List.of(
			group(0, "Monday Psychodynamic Group", "PSYCHODYNAMIC", "CLOSED", false, 8, 0, null, "Room 1.04",
					DayOfWeek.MONDAY, "10:00", 90, 2),
			group(1, "Wednesday CBT Aftercare", "CBT", "OPEN", true, 12, 1, null, "Room 2.03", DayOfWeek.WEDNESDAY,
					"18:30", 60, 0),
			group(2, "Tuesday CBT Relapse Prevention", "CBT", "OPEN", false, 10, 2, 1, "Room 1.12", DayOfWeek.TUESDAY,
					"17:30", 90, 3),
			group(3, "Thursday Psychodynamic Process Group", "PSYCHODYNAMIC", "OPEN", false, 10, 3, null, "Room 1.04",
					DayOfWeek.THURSDAY, "17:00", 90, 0),
			group(4, "Monday CBT Early Recovery", "CBT", "OPEN", false, 12, 4, null, "Room 1.12", DayOfWeek.MONDAY,
					"17:30", 90, 0),
			group(5, "Friday Psychodynamic Aftercare", "PSYCHODYNAMIC", "OPEN", true, 12, 5, null, "Room 2.03",
					DayOfWeek.FRIDAY, "16:00", 90, 0),
			group(6, "Tuesday Psychodynamic Group", "PSYCHODYNAMIC", "CLOSED", false, 9, 0, 3, "Room 1.04",
					DayOfWeek.TUESDAY, "10:00", 90, 2),
			group(7, "Thursday CBT Skills", "CBT", "OPEN", false, 12, 1, null, "Room 1.12", DayOfWeek.THURSDAY, "10:00",
					60, 0),
			group(8, "Wednesday Psychodynamic Long-term Group", "PSYCHODYNAMIC", "CLOSED", false, 8, 2, null,
					"Room 1.04", DayOfWeek.WEDNESDAY, "14:00", 90, 0),
			group(9, "Friday CBT Craving Management", "CBT", "OPEN", false, 10, 4, null, "Room 1.12", DayOfWeek.FRIDAY,
					"10:30", 60, 2),
			group(10, "Saturday CBT Aftercare", "CBT", "OPEN", true, 12, 5, null, "Room 2.03", DayOfWeek.SATURDAY,
					"10:00", 90, 0),
			group(11, "Monday Evening Psychodynamic Aftercare", "PSYCHODYNAMIC", "OPEN", true, 11, 3, null, "Room 2.03",
					DayOfWeek.MONDAY, "19:30", 90, 0));

	private static final List<String> FIRST_NAMES = List.of("Lena", "Marco", "Hannah", "Yusuf", "Clara", "Finn",
			"Amira", "Lukas", "Greta", "Mehmet", "Ida", "Paul", "Leonie", "Emil", "Zoe", "Anton", "Marta", "Karim",
			"Nele", "Felix", "Rosa", "Jakob", "Selin", "Oskar", "Mila", "David", "Alina", "Theo", "Ronja", "Milan",
			"Elif", "Henrik", "Johanna", "Rafael", "Tilda", "Noah", "Lotta", "Vincent", "Maja", "Adrian", "Frieda",
			"Elias", "Nora", "Kai", "Pia");

	private static final List<String> LAST_NAMES = List.of("Hoffmann", "Schreiber", "Yilmaz", "Novak", "Kessler",
			"Brenner", "Vogt", "Marquardt", "Petersen", "Aydin", "Lorenz", "Haas", "Winter", "Ziegler", "Kowalski",
			"Seidel", "Franke", "Horn", "Roth", "Jansen", "Keller", "Sommer", "Graf", "Kraus", "Lehmann", "Pohl",
			"Berger", "Kaya", "Fuchs", "Voigt", "Arnold", "Busch", "Dietrich", "Ernst", "Frey", "Hahn", "Jung", "Kuhn",
			"Lang", "Moser", "Nowak", "Otto", "Popescu", "Rossi", "Stein");

	private DemoProgram() {
	}

	private static GroupPlan group(int index, String name, String modality, String openness, boolean aftercare,
			int maxSize, int lead, Integer co, String room, DayOfWeek day, String time, int minutes, int waitlist) {
		return new GroupPlan(index, name, modality, openness, aftercare, maxSize, lead, co, room, day,
				LocalTime.parse(time), minutes, waitlist);
	}

	/**
	 * The patients of a load: made-up first and last names, each pair used once.
	 * @param count how many
	 * @return the patients in a fixed order
	 */
	public static List<Patient> patients(int count) {
		List<Integer> pairs = new ArrayList<>();
		for (int i = 0; i < FIRST_NAMES.size() * LAST_NAMES.size(); i++) {
			pairs.add(i);
		}
		Collections.shuffle(pairs, new Random(SEED));
		List<Patient> patients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int pair = pairs.get(i);
			patients.add(new Patient(i, FIRST_NAMES.get(pair % FIRST_NAMES.size()),
					LAST_NAMES.get(pair / FIRST_NAMES.size())));
		}
		return patients;
	}

	/**
	 * Who sits in which group: the full groups first (every seat and a waitlist), then
	 * the others up to one seat short of full; patients left over have no group yet. In
	 * an open group some members joined weeks after it began; in an aftercare group with
	 * self-enrolment the last two members enrol themselves now. In a group with six or
	 * more founding members one of them (two from ten) drifts away towards the end.
	 * @param size the size of the load
	 * @return one placement per group of the load, in the groups' order
	 */
	public static List<Placement> placements(DemoSize size) {
		List<GroupPlan> groups = GROUPS.subList(0, size.groups());
		List<Patient> patients = patients(size.patients());
		List<Placement> placements = new ArrayList<>(Collections.nCopies(groups.size(), (Placement) null));
		int next = 0;
		List<GroupPlan> order = new ArrayList<>(groups.stream().filter((g) -> g.waitlist() > 0).toList());
		order.addAll(groups.stream().filter((g) -> g.waitlist() == 0).toList());
		for (GroupPlan group : order) {
			int seats = (group.waitlist() > 0) ? group.maxSize() : group.maxSize() - 1;
			int take = Math.min(seats + group.waitlist(), patients.size() - next);
			List<Patient> mine = patients.subList(next, next + take);
			next += take;
			placements.set(group.index(), place(group, mine, size));
		}
		return placements;
	}

	private static Placement place(GroupPlan group, List<Patient> patients, DemoSize size) {
		Random random = new Random(SEED * 31 + group.index());
		int seated = Math.min(patients.size(), (group.waitlist() > 0) ? group.maxSize() : patients.size());
		int selfEnrolled = (group.selfEnrollment() && seated >= 4) ? 2 : 0;
		List<Member> members = new ArrayList<>();
		int latest = Math.max(1, size.weeks() - 3);
		for (Patient patient : patients.subList(0, seated - selfEnrolled)) {
			boolean founding = group.openness().equals("CLOSED") || random.nextDouble() < 0.6;
			int joinWeek = founding ? 0 : 1 + random.nextInt(latest);
			double reliability = 0.80 + 0.17 * random.nextDouble();
			members.add(new Member(patient, Math.min(joinWeek, latest), false, reliability));
		}
		List<Member> founders = members.stream().filter((m) -> m.joinWeek() == 0).toList();
		int drifting = (founders.size() >= 10) ? 2 : (founders.size() >= 6) ? 1 : 0;
		for (int i = 0; i < drifting; i++) {
			Member founder = founders.get(founders.size() - 1 - i * 3);
			members.set(members.indexOf(founder),
					new Member(founder.patient(), founder.joinWeek(), true, founder.reliability()));
		}
		return new Placement(group, List.copyOf(members), List.copyOf(patients.subList(seated - selfEnrolled, seated)),
				List.copyOf(patients.subList(seated, patients.size())));
	}

	/**
	 * A demo therapist.
	 *
	 * @param firstName first name
	 * @param lastName last name
	 * @param licenceType the kind of licence
	 * @param licenceNumber a made-up number
	 */
	public record Therapist(String firstName, String lastName, String licenceType, String licenceNumber) {

		/** Their e-mail address, which is their username as well. */
		public String email() {
			return (this.firstName + "." + this.lastName + "@" + STAFF_DOMAIN).toLowerCase(Locale.ROOT);
		}

		public String displayName() {
			return this.firstName + " " + this.lastName;
		}

	}

	/**
	 * One group of the program: meets weekly on a day at a time, in a room.
	 *
	 * @param index its place in {@link #GROUPS}
	 * @param name the name it is found by
	 * @param modality PSYCHODYNAMIC or CBT
	 * @param openness OPEN or CLOSED
	 * @param aftercare an aftercare group, open to self-enrolment
	 * @param maxSize seats
	 * @param lead the lead facilitator's index in {@link #THERAPISTS}
	 * @param coFacilitator a co-facilitator's index, or {@code null}
	 * @param room the room
	 * @param day the weekday
	 * @param time the local start time
	 * @param minutes length of a session
	 * @param waitlist how many wait for a seat (a full group), or 0
	 */
	public record GroupPlan(int index, String name, String modality, String openness, boolean aftercare, int maxSize,
			int lead, Integer coFacilitator, String room, DayOfWeek day, LocalTime time, int minutes, int waitlist) {

		public boolean selfEnrollment() {
			return this.aftercare;
		}

		public int minSize() {
			return Math.min(4, this.maxSize);
		}

	}

	/**
	 * A demo patient.
	 *
	 * @param index their place in the list of patients
	 * @param firstName first name
	 * @param lastName last name
	 */
	public record Patient(int index, String firstName, String lastName) {

		/** The name the directory shows, which finds them again. */
		public String displayName() {
			return this.firstName + " " + this.lastName;
		}

	}

	/**
	 * A member who holds a seat in a group.
	 *
	 * @param patient who
	 * @param joinWeek the first of the group's past sessions they were a member for (0:
	 * from the start)
	 * @param drifting attends less and less towards the end, then misses the last two
	 * sessions
	 * @param reliability how likely they attend a session otherwise
	 */
	public record Member(Patient patient, int joinWeek, boolean drifting, double reliability) {
	}

	/**
	 * Who is in a group.
	 *
	 * @param group the group
	 * @param members seated since a past week, recorded by the director
	 * @param selfEnrolled aftercare members who enrol themselves now
	 * @param waitlisted enrolled once the group is full, so they wait for a seat
	 */
	public record Placement(GroupPlan group, List<Member> members, List<Patient> selfEnrolled,
			List<Patient> waitlisted) {
	}

}
