package org.therapygroups.sessions.booking;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Everything booked on one resource (a facilitator or a room) in one document, so that
 * "check for overlaps, then book" is a single version-guarded write: two requests that
 * would double-book the same therapist cannot both succeed.
 */
@Document("resource_calendars")
class ResourceCalendar {

	@Id
	private String id;

	@Version
	private Long version;

	private List<Booking> bookings = new ArrayList<>();

	ResourceCalendar() {
	}

	ResourceCalendar(String id) {
		this.id = id;
	}

	String getId() {
		return this.id;
	}

	Long getVersion() {
		return this.version;
	}

	List<Booking> getBookings() {
		return this.bookings;
	}

}
