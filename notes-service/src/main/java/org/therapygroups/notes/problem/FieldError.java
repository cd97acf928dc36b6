package org.therapygroups.notes.problem;

/**
 * One invalid field of a request: where, and what is wrong in general terms. Never the
 * submitted value: it may be clinical text.
 *
 * @param field the path, e.g. {@code process.thoughtRecords[0].intensity}
 * @param message what is wrong
 */
public record FieldError(String field, String message) {

}
