package org.therapygroups.events;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudEvents {@code type} strings of all events, grouped by the service that owns
 * (publishes) them. Every type has the form {@code therapy.<aggregate>.<event>.v<N>}
 * (lower case, words joined by {@code -}, a version suffix).
 * <p>
 * A constant here does not mean a payload record exists yet: only the records whose
 * content is settled are defined (see {@code identity} and {@code sessions}); the owning
 * service defines the others here when it starts publishing them.
 */
public final class EventTypes {

	/** Regular expression every event type matches. */
	public static final String PATTERN = "therapy(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*){2,}\\.v([1-9][0-9]*)";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private EventTypes() {
	}

	/**
	 * Published by {@code auth-service} on {@link Topics#IDENTITY}; key and subject are
	 * the user id (the Keycloak user id).
	 */
	public static final class Identity {

		public static final String TOPIC = Topics.IDENTITY;

		public static final String USER_REGISTERED = "therapy.identity.user-registered.v1";

		public static final String USER_ACTIVATED = "therapy.identity.user-activated.v1";

		public static final String USER_ROLE_CHANGED = "therapy.identity.user-role-changed.v1";

		public static final String USER_DEACTIVATED = "therapy.identity.user-deactivated.v1";

		public static final String USER_REACTIVATED = "therapy.identity.user-reactivated.v1";

		public static final String USER_PROFILE_CHANGED = "therapy.identity.user-profile-changed.v1";

		/** All identity types. */
		public static final Set<String> ALL = ordered(USER_REGISTERED, USER_ACTIVATED, USER_ROLE_CHANGED,
				USER_DEACTIVATED, USER_REACTIVATED, USER_PROFILE_CHANGED);

		private Identity() {
		}

	}

	/**
	 * Published by {@code sessions-service} on {@link Topics#SESSIONS}; the key is the
	 * group id for all of them, so one group's events stay in order.
	 */
	public static final class Sessions {

		public static final String TOPIC = Topics.SESSIONS;

		public static final String GROUP_CREATED = "therapy.group.created.v1";

		public static final String GROUP_UPDATED = "therapy.group.updated.v1";

		public static final String GROUP_CANCELLED = "therapy.group.cancelled.v1";

		public static final String SESSION_SCHEDULED = "therapy.session.scheduled.v1";

		public static final String SESSION_RESCHEDULED = "therapy.session.rescheduled.v1";

		public static final String SESSION_CANCELLED = "therapy.session.cancelled.v1";

		public static final String SESSION_STARTED = "therapy.session.started.v1";

		public static final String SESSION_COMPLETED = "therapy.session.completed.v1";

		public static final String MEMBERSHIP_JOINED = "therapy.membership.joined.v1";

		public static final String MEMBERSHIP_WAITLISTED = "therapy.membership.waitlisted.v1";

		public static final String MEMBERSHIP_PROMOTED = "therapy.membership.promoted.v1";

		public static final String MEMBERSHIP_LEFT = "therapy.membership.left.v1";

		public static final String ATTENDANCE_RECORDED = "therapy.attendance.recorded.v1";

		public static final String ATTENDANCE_CORRECTED = "therapy.attendance.corrected.v1";

		public static final String ALERT_RAISED = "therapy.alert.raised.v1";

		public static final String ALERT_RESOLVED = "therapy.alert.resolved.v1";

		public static final String ALERT_CLEARED = "therapy.alert.cleared.v1";

		public static final String ALERT_RULES_CHANGED = "therapy.alert-rules.changed.v1";

		/** All sessions-service types. */
		public static final Set<String> ALL = ordered(GROUP_CREATED, GROUP_UPDATED, GROUP_CANCELLED, SESSION_SCHEDULED,
				SESSION_RESCHEDULED, SESSION_CANCELLED, SESSION_STARTED, SESSION_COMPLETED, MEMBERSHIP_JOINED,
				MEMBERSHIP_WAITLISTED, MEMBERSHIP_PROMOTED, MEMBERSHIP_LEFT, ATTENDANCE_RECORDED, ATTENDANCE_CORRECTED,
				ALERT_RAISED, ALERT_RESOLVED, ALERT_CLEARED, ALERT_RULES_CHANGED);

		private Sessions() {
		}

	}

	/**
	 * Published by {@code notes-service} on {@link Topics#NOTES}: metadata about a note's
	 * lifecycle only, never its content.
	 */
	public static final class Notes {

		public static final String TOPIC = Topics.NOTES;

		public static final String NOTE_DRAFTED = "therapy.note.drafted.v1";

		public static final String NOTE_SIGNED = "therapy.note.signed.v1";

		public static final String NOTE_CO_SIGNED = "therapy.note.co-signed.v1";

		public static final String NOTE_ADDENDUM_ADDED = "therapy.note.addendum-added.v1";

		public static final String NOTE_VOIDED = "therapy.note.voided.v1";

		/** All notes-service types. */
		public static final Set<String> ALL = ordered(NOTE_DRAFTED, NOTE_SIGNED, NOTE_CO_SIGNED, NOTE_ADDENDUM_ADDED,
				NOTE_VOIDED);

		private Notes() {
		}

	}

	/**
	 * Whether {@code type} is a well-formed event type with a version suffix.
	 * @param type the candidate
	 * @return {@code true} if it matches {@link #PATTERN}
	 */
	public static boolean isValid(String type) {
		return type != null && COMPILED.matcher(type).matches();
	}

	/**
	 * Returns {@code type} if it is well-formed.
	 * @param type the candidate
	 * @return the type
	 * @throws IllegalArgumentException if it does not match {@link #PATTERN}
	 */
	public static String requireValid(String type) {
		if (!isValid(type)) {
			throw new IllegalArgumentException("Invalid event type '" + type
					+ "': expected therapy.<aggregate>.<event>.v<N> in lower case, e.g. therapy.session.completed.v1");
		}
		return type;
	}

	/**
	 * The version number of a type: 1 for {@code therapy.session.completed.v1}.
	 * @param type a well-formed type
	 * @return its version
	 * @throws IllegalArgumentException if the type is not well-formed
	 */
	public static int version(String type) {
		Matcher matcher = COMPILED.matcher(requireValid(type));
		matcher.matches();
		return Integer.parseInt(matcher.group(3));
	}

	private static Set<String> ordered(String... types) {
		Set<String> set = new LinkedHashSet<>();
		for (String type : types) {
			if (!set.add(requireValid(type))) {
				throw new IllegalStateException("Duplicate event type " + type);
			}
		}
		return java.util.Collections.unmodifiableSet(set);
	}

}
