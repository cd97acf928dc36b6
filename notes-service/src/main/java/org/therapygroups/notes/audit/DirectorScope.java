package org.therapygroups.notes.audit;

import java.util.Set;

import org.springframework.stereotype.Component;

import org.therapygroups.notes.sessions.SessionsReadModel;

/**
 * Which patients' audit entries a director may read: those of the patients of the
 * programs the director directs, and nobody else's.
 */
@Component
class DirectorScope {

	private final SessionsReadModel sessions;

	DirectorScope(SessionsReadModel sessions) {
		this.sessions = sessions;
	}

	Set<String> patientsOf(String directorId) {
		return this.sessions.patientsOf(this.sessions.programsDirectedBy(directorId));
	}

}
