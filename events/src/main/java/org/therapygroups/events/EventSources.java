package org.therapygroups.events;

/**
 * CloudEvents {@code source} values (URI references) of the publishing services.
 */
public final class EventSources {

	public static final String AUTH_SERVICE = "/auth-service";

	public static final String SESSIONS_SERVICE = "/sessions-service";

	public static final String NOTES_SERVICE = "/notes-service";

	private EventSources() {
	}

}
