/**
 * Note lifecycle events, published by notes-service on
 * {@link org.therapygroups.events.Topics#NOTES}. The partition key of all of them is the
 * group id, so the documentation-status views of one group see its notes' events in
 * order.
 * <p>
 * Metadata only: ids, statuses, who and when. Never note content, themes, risk flags or
 * anything a note says about a patient.
 */
package org.therapygroups.events.notes;
