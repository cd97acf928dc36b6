package org.therapygroups.notes.audit;

import java.time.Instant;

/**
 * One use or disclosure of a patient's records, as an accounting of disclosures lists it
 * (HIPAA 45 CFR 164.528, 42 CFR 2.25): who, in which role, did what with which record,
 * when. Never the content.
 *
 * @param time when (UTC)
 * @param userId who
 * @param name the user's display name, if known
 * @param role in which role
 * @param action what ({@code READ}, {@code SAVE}, {@code SIGN}, …)
 * @param noteId which note, or {@code null} (e.g. patterns across notes)
 * @param seq the audit entry it comes from
 */
public record Disclosure(Instant time, String userId, String name, String role, String action, String noteId,
		long seq) {

}
