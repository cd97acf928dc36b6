package org.therapygroups.platform.problem;

/**
 * One invalid field of a request: where, and what is wrong in general terms. Never the
 * submitted value: it may be personal or clinical.
 *
 * @param field the field's path in the request, e.g. {@code recurrence.rrule} or
 * {@code process.thoughtRecords[0].intensity}; for a query or path parameter its name
 * @param pointer the same place as an RFC 6901 JSON pointer into the body, e.g.
 * {@code /process/thoughtRecords/0/intensity}, for clients that locate errors generically
 * (form libraries, RFC 9457 validation problems)
 * @param message what is wrong with it
 */
public record FieldError(String field, String pointer, String message) {

	public FieldError(String field, String message) {
		this(field, pointer(field), message);
	}

	/**
	 * The JSON pointer of a field path: {@code a.b[2].c} is {@code /a/b/2/c}.
	 * @param field a field path as in {@link #field()}
	 * @return the pointer; the empty pointer (the whole body) for an empty path
	 */
	public static String pointer(String field) {
		if (field == null || field.isEmpty()) {
			return "";
		}
		StringBuilder pointer = new StringBuilder("/");
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			switch (c) {
				case '.' -> pointer.append('/');
				case '[' -> pointer.append((i == 0) ? "" : "/");
				case ']' -> {
					// the index was written by '[' and the digits
				}
				// RFC 6901: '~' and '/' inside a name are escaped
				case '~' -> pointer.append("~0");
				case '/' -> pointer.append("~1");
				default -> pointer.append(c);
			}
		}
		return pointer.toString();
	}

}
