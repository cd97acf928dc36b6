package org.therapygroups.platform.problem;

/**
 * One invalid field of a request: where, and what is wrong in general terms. Never the
 * submitted value: it may be personal or clinical.
 *
 * @param field the field's path in the request, e.g. {@code recurrence.rrule} or
 * {@code process.thoughtRecords[0].intensity}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
