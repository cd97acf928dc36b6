package org.therapygroups.sessions.scheduling;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

import org.therapygroups.events.identity.Roles;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.sessions.group.FacilitatorAssignment;
import org.therapygroups.sessions.group.FacilitatorRole;
import org.therapygroups.sessions.group.Group;
import org.therapygroups.sessions.group.Location;
import org.therapygroups.sessions.group.Modality;
import org.therapygroups.sessions.group.Openness;
import org.therapygroups.sessions.group.RecurrenceRule;
import org.therapygroups.platform.problem.PlausibleTimes;
import org.therapygroups.platform.problem.Violations;

/**
 * A group as a director submits it (creation) or a change to it (every field optional).
 * Enumerations and dates arrive as strings so that a wrong value gets a field error with
 * the others, not a parse failure that hides them.
 */
record GroupRequest(String name, String modality, String openness, Boolean aftercare, Boolean selfEnrollment,
		Integer minSize, Integer maxSize, List<FacilitatorRequest> facilitators, String supervisorId,
		LocationRequest location, Integer sessionMinutes, RecurrenceRequest recurrence) {

	record FacilitatorRequest(String therapistId, String role) {
	}

	record LocationRequest(String room, String telehealthUrl) {
	}

	/**
	 * The rule as submitted; {@code start} is text because it may come local to the
	 * program's zone or as a moment with an offset, and only the program knows the zone.
	 */
	record RecurrenceRequest(String rrule, @Schema(
			description = "The first session: a date and time local to the program's time zone, or a moment with "
					+ "an offset or Z, which is converted to the program's time zone (2026-09-01T16:00:00Z is "
					+ "18:00 in Berlin). The group then meets at that local time across daylight-saving changes.",
			example = "2026-09-01T18:00:00") String start,
			@Schema(description = "last day a session may fall on", format = "date") String until, Integer count) {
	}

	/**
	 * ISO local date and time (any case, no 30 February), then an optional offset: a
	 * local start reads exactly as it does everywhere else in the API.
	 */
	private static final DateTimeFormatter START = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffsetId()
		.optionalEnd()
		.toFormatter(Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT)
		.withChronology(IsoChronology.INSTANCE);

	/**
	 * The settings this request gives, on top of a group's current ones (or of nothing,
	 * for a new group), checked field by field.
	 * @param current the group's settings, or {@code null} for a new group
	 * @param directory who is an active therapist
	 * @param violations where problems go
	 * @return the settings; only meaningful if no violation was added
	 */
	Group.Settings settings(Group.Settings current, Directory directory, Violations violations) {
		boolean creating = current == null;
		String newName = pick(this.name, creating ? null : current.name());
		if (newName == null || newName.isBlank() || newName.length() > 120) {
			violations.add("name", "must be 1 to 120 characters");
		}
		violations.requirePrintable("name", this.name);
		Modality newModality = creating ? null : current.modality();
		if (this.modality != null || creating) {
			newModality = parse(Modality.class, this.modality, "modality", violations);
		}
		Openness newOpenness = creating ? Openness.OPEN : current.openness();
		if (this.openness != null) {
			newOpenness = parse(Openness.class, this.openness, "openness", violations);
		}
		boolean newAftercare = (this.aftercare != null) ? this.aftercare : !creating && current.aftercare();
		boolean newSelf = (this.selfEnrollment != null) ? this.selfEnrollment : !creating && current.selfEnrollment();
		int min = (this.minSize != null) ? this.minSize : creating ? 1 : current.minSize();
		Integer max = (this.maxSize != null) ? this.maxSize : creating ? null : current.maxSize();
		if (min < 0) {
			violations.add("minSize", "must not be negative");
		}
		if (max == null) {
			violations.add("maxSize", "is required");
		}
		else if (max < 1) {
			violations.add("maxSize", "must be at least 1");
		}
		else if (max < min) {
			violations.add("maxSize", "must not be below minSize");
		}
		else if (max > 200) {
			violations.add("maxSize", "must be at most 200");
		}
		if (newSelf && !newAftercare) {
			violations.add("selfEnrollment", "only aftercare groups take self-enrolment");
		}
		List<FacilitatorAssignment> newFacilitators = creating ? List.of() : current.facilitators();
		if (this.facilitators != null || creating) {
			newFacilitators = facilitators(directory, violations);
		}
		String supervisor = (this.supervisorId != null) ? blankToNull(this.supervisorId)
				: creating ? null : current.supervisorId();
		if (supervisor != null && !isClinician(directory, supervisor)) {
			violations.add("supervisorId", "is not an active therapist or director");
		}
		Location newLocation = creating ? null : current.location();
		if (this.location != null || creating) {
			newLocation = location(violations);
		}
		int minutes = (this.sessionMinutes != null) ? this.sessionMinutes : creating ? 0 : current.sessionMinutes();
		if (minutes < 15 || minutes > 480) {
			violations.add("sessionMinutes", "must be between 15 and 480");
		}
		return new Group.Settings((newName != null) ? newName.strip() : null, newModality, newOpenness, newAftercare,
				newSelf, min, (max != null) ? max : 0, newFacilitators, supervisor, newLocation, minutes);
	}

	RecurrenceRule recurrence(ZoneId zone, Violations violations) {
		if (this.recurrence == null) {
			violations.add("recurrence", "is required");
			return null;
		}
		String rule = (this.recurrence.rrule() != null) ? this.recurrence.rrule().strip().toUpperCase(Locale.ROOT)
				: null;
		if (rule != null && rule.startsWith("RRULE:")) {
			rule = rule.substring(6);
		}
		String startText = blankToNull(this.recurrence.start());
		LocalDateTime start = (startText != null) ? start(startText.strip(), zone, violations) : null;
		LocalDate until = violations.parse("recurrence.until", this.recurrence.until(), LocalDate::parse);
		RecurrenceRule result = new RecurrenceRule(rule, start, until, this.recurrence.count());
		if (startText != null && start == null) {
			// refused above already: "is required" would contradict that message
			result.validateGiven(zone, violations);
		}
		else {
			result.validate(zone, violations);
		}
		return result;
	}

	/**
	 * The first occurrence, local to the program's zone. A start with an offset or
	 * {@code Z} is a moment (what a client converting to UTC sends), so it is the
	 * program's wall-clock time at that moment; reading its digits as local time would
	 * move the group by the difference.
	 */
	private static LocalDateTime start(String text, ZoneId zone, Violations violations) {
		TemporalAccessor parsed;
		try {
			parsed = START.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
		}
		catch (DateTimeParseException ex) {
			violations.add("recurrence.start", "must be a date and time, local to the program's time zone "
					+ "(yyyy-MM-ddTHH:mm) or with an offset (ending in Z or +01:00), which is converted to that zone");
			return null;
		}
		if (!PlausibleTimes.plausible(parsed)) {
			violations.add("recurrence.start", PlausibleTimes.OUT_OF_RANGE);
			return null;
		}
		return (parsed instanceof OffsetDateTime moment) ? moment.atZoneSameInstant(zone).toLocalDateTime()
				: (LocalDateTime) parsed;
	}

	private List<FacilitatorAssignment> facilitators(Directory directory, Violations violations) {
		if (this.facilitators == null || this.facilitators.isEmpty()) {
			violations.add("facilitators", "at least one facilitator is required");
			return List.of();
		}
		List<FacilitatorAssignment> result = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int leads = 0;
		for (int i = 0; i < this.facilitators.size(); i++) {
			FacilitatorRequest request = this.facilitators.get(i);
			String prefix = "facilitators[" + i + "]";
			if (request == null || request.therapistId() == null || request.therapistId().isBlank()) {
				violations.add(prefix + ".therapistId", "is required");
				continue;
			}
			if (!directory.isActiveTherapist(request.therapistId())) {
				violations.add(prefix + ".therapistId", "is not an active therapist");
			}
			if (!seen.add(request.therapistId())) {
				violations.add(prefix + ".therapistId", "is listed twice");
			}
			FacilitatorRole role = (request.role() == null) ? FacilitatorRole.CO_FACILITATOR
					: parse(FacilitatorRole.class, request.role(), prefix + ".role", violations);
			if (role == FacilitatorRole.LEAD) {
				leads++;
			}
			result.add(new FacilitatorAssignment(request.therapistId(), role));
		}
		if (leads != 1) {
			violations.add("facilitators", "exactly one facilitator must be LEAD");
		}
		return result;
	}

	private Location location(Violations violations) {
		String room = (this.location != null) ? blankToNull(this.location.room()) : null;
		String link = (this.location != null) ? blankToNull(this.location.telehealthUrl()) : null;
		if (room == null && link == null) {
			violations.add("location", "give a room, a telehealth link, or both");
		}
		if (room != null && room.length() > 80) {
			violations.add("location.room", "must be at most 80 characters");
		}
		violations.requirePrintable("location.room", room);
		if (link != null && !isWebLink(link)) {
			violations.add("location.telehealthUrl", "must be an https link");
		}
		return new Location((room != null) ? room.strip() : null, link);
	}

	private static boolean isClinician(Directory directory, String userId) {
		return directory.find(userId)
			.map((user) -> user.isActive(Roles.THERAPIST) || user.isActive(Roles.DIRECTOR))
			.orElse(false);
	}

	private static boolean isWebLink(String link) {
		try {
			URI uri = URI.create(link);
			return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && link.length() <= 500;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Violations violations) {
		if (value == null || value.isBlank()) {
			violations.add(field, "is required, one of " + java.util.Arrays.toString(type.getEnumConstants()));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
			return null;
		}
	}

	private static String pick(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
