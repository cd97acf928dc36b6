package org.therapygroups.sessions.alert;

import java.time.Instant;

/**
 * An alert as the API shows it.
 *
 * @param id the alert
 * @param programId the program
 * @param groupId the group
 * @param patientId the patient
 * @param patientName their display name, if the directory knows it
 * @param rule the rule
 * @param status {@code OPEN}, {@code RESOLVED} or {@code CLEARED}
 * @param raisedAt when raised
 * @param outcome the follow-up outcome, if resolved
 * @param outcomeNote the short text of an {@code OTHER} outcome
 * @param resolvedBy who resolved it
 * @param resolvedAt when
 * @param clearedAt when it cleared itself (the patient attended again)
 */
record AlertView(String id, String programId, String groupId, String patientId, String patientName, String rule,
		String status, Instant raisedAt, String outcome, String outcomeNote, String resolvedBy, Instant resolvedAt,
		Instant clearedAt) {

	static AlertView of(Alert alert, String patientName) {
		return new AlertView(alert.getId(), alert.getProgramId(), alert.getGroupId(), alert.getPatientId(), patientName,
				alert.getRule().name(), alert.getStatus(), alert.getRaisedAt(), alert.getOutcome(),
				alert.getOutcomeNote(), alert.getResolvedBy(), alert.getResolvedAt(), alert.getClearedAt());
	}

}
