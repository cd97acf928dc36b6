package org.therapygroups.devstack.demo;

/**
 * How much demo data to load: the full program by default, a smaller one for the
 * end-to-end test.
 *
 * @param groups how many of the program's groups (1 to 12)
 * @param patients how many patients
 * @param weeks how many weeks of past sessions (1 to 50: a member since then is within a
 * year)
 */
public record DemoSize(int groups, int patients, int weeks) {

	/** Twelve groups, 150 patients, six months of weekly sessions. */
	public static final DemoSize FULL = new DemoSize(12, 150, 26);

	public DemoSize {
		if (groups < 1 || groups > DemoProgram.GROUPS.size()) {
			throw new IllegalArgumentException("groups must be 1 to " + DemoProgram.GROUPS.size());
		}
		if (patients < 1 || patients > 400) {
			throw new IllegalArgumentException("patients must be 1 to 400");
		}
		if (weeks < 1 || weeks > 50) {
			throw new IllegalArgumentException("weeks must be 1 to 50");
		}
	}

	/**
	 * {@code groups,patients,weeks}, e.g. {@code 3,30,8}.
	 * @param text the three numbers
	 * @return the size
	 * @throws IllegalArgumentException if it is not three numbers in range
	 */
	public static DemoSize parse(String text) {
		String[] parts = text.split(",");
		if (parts.length != 3) {
			throw new IllegalArgumentException("expected groups,patients,weeks (e.g. 3,30,8)");
		}
		try {
			return new DemoSize(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
					Integer.parseInt(parts[2].strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("expected groups,patients,weeks (e.g. 3,30,8)");
		}
	}

	@Override
	public String toString() {
		return this.groups + " groups, " + this.patients + " patients, " + this.weeks + " weeks";
	}

}
