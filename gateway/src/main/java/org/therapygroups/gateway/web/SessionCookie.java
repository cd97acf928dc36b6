package org.therapygroups.gateway.web;

/**
 * The browser session's cookie: HTTP-only, {@code SameSite=Lax}, never read by scripts.
 */
public final class SessionCookie {

	public static final String NAME = "THERAPY_SESSION";

	private SessionCookie() {
	}

}
