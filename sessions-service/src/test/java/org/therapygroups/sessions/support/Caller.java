package org.therapygroups.sessions.support;

/**
 * Who calls the API in a test: a user id and a realm role, sent as a JWT.
 *
 * @param id the token subject
 * @param role the realm role (director, therapist, patient)
 */
public record Caller(String id, String role) {

	public static Caller director(String id) {
		return new Caller(id, "director");
	}

	public static Caller therapist(String id) {
		return new Caller(id, "therapist");
	}

	public static Caller patient(String id) {
		return new Caller(id, "patient");
	}

}
