package org.therapygroups.events.identity;

import java.util.Set;

/**
 * Keycloak realm role names as they appear in {@link IdentityEvent#role()}.
 */
public final class Roles {

	public static final String THERAPIST = "therapist";

	public static final String PATIENT = "patient";

	public static final String DIRECTOR = "director";

	/** Optional, later: co-signs notes of clinicians under supervision. */
	public static final String SUPERVISOR = "supervisor";

	public static final Set<String> ALL = Set.of(THERAPIST, PATIENT, DIRECTOR, SUPERVISOR);

	private Roles() {
	}

}
