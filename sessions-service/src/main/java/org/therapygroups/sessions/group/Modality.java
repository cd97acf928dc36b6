package org.therapygroups.sessions.group;

/**
 * The therapeutic approach of a group. notes-service picks its note template by it; new
 * modalities are added here (events carry the name, consumers treat unknown ones
 * generically).
 */
public enum Modality {

	PSYCHODYNAMIC, CBT, TWELVE_STEP, PSYCHOEDUCATION, DBT

}
