package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.List;

/**
 * The accounting of disclosures of one patient's records over a period.
 *
 * @param patientId whose records
 * @param from the period's start, or {@code null} for the beginning of the trail
 * @param to the period's end (exclusive), or {@code null} for now
 * @param disclosures oldest first
 */
public record DisclosureReport(String patientId, Instant from, Instant to, List<Disclosure> disclosures) {

}
