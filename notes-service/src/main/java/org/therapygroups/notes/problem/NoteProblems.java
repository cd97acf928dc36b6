package org.therapygroups.notes.problem;

import org.springframework.http.HttpStatus;

import org.therapygroups.platform.problem.ApiProblem;

/**
 * The refusals of the notes API, worded once: a 404 that does not tell whether a note
 * exists, and a 403 for a role that never may.
 */
public final class NoteProblems {

	private NoteProblems() {
	}

	/** 404 for someone who may not learn that the thing exists. */
	public static ApiProblem notFound() {
		return new ApiProblem(HttpStatus.NOT_FOUND, "No such note or entry.");
	}

	/** 403 when the caller's role never allows the request. */
	public static ApiProblem forbidden() {
		return ApiProblem.forbidden("Your role does not allow this request.");
	}

}
