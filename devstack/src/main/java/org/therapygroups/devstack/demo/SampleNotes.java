package org.therapygroups.devstack.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The group part of a demo note: neutral sample text about the session's topic, with
 * nothing about any person. Every template of the platform has the same group fields.
 */
final class SampleNotes {

	private static final List<String> CBT_TOPICS = List.of("Identifying high-risk situations",
			"Coping with cravings: urge surfing", "Challenging automatic thoughts",
			"Planning for weekends and holidays", "Refusal skills", "Building a daily structure",
			"Managing stress without substances", "Problem-solving steps", "Recognising early warning signs",
			"Sleep and recovery", "Communicating needs clearly", "Values and goals for the next months");

	private static final List<String> PSYCHODYNAMIC_TOPICS = List.of("Loss and separation", "Shame and self-worth",
			"Trust within the group", "Anger and how it is expressed", "Dependency and autonomy",
			"Roles taken in families", "Endings and transitions", "Loneliness", "Ambivalence about change",
			"Belonging and rivalry", "Holidays and absences", "What the group means to its members");

	private SampleNotes() {
	}

	/**
	 * The group part for one session.
	 * @param modality the group's modality
	 * @param week the session's place among the group's sessions (picks the topic)
	 * @return the fields of the group part
	 */
	static Map<String, String> groupPart(String modality, int week) {
		boolean cbt = "CBT".equals(modality);
		List<String> topics = cbt ? CBT_TOPICS : PSYCHODYNAMIC_TOPICS;
		String topic = topics.get(week % topics.size());
		Map<String, String> group = new LinkedHashMap<>();
		group.put("topic", topic);
		group.put("goals", cbt ? "Practise one skill related to the topic and plan how to use it during the week."
				: "Give room to the members' associations to the topic and to what happens between members.");
		group.put("interventions", cbt
				? "Brief check-in, review of last week's practice, psychoeducation, role play in pairs, summary."
				: "Open start, clarification and linking of themes, attention to the here and now of the group.");
		group.put("groupDynamics", "Sample text for the demo program: the group worked at a steady pace and "
				+ "members took turns; no individual details are recorded in this part.");
		group.put("plan", cbt ? "Practice task for the week; next session continues with the following topic."
				: "Continue with the themes that remained open; next session as scheduled.");
		return group;
	}

}
