package org.therapygroups.sessions.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.Retries;
import org.therapygroups.platform.mongo.DefaultDatabase;

/**
 * Books facilitators and rooms for sessions and refuses double bookings. Each resource is
 * one document, written with a version check; when a request needs several resources and
 * one of them is taken, the ones already booked are given back, so nothing stays half
 * booked.
 */
@Component
public class Bookings {

	private final MongoTemplate mongo;

	Bookings(MongoTemplate mongo) {
		this.mongo = mongo;
		DefaultDatabase.indexVersionedSaves(mongo, ResourceCalendar.class);
	}

	public static String therapist(String therapistId) {
		return "therapist:" + therapistId;
	}

	/**
	 * Books every resource for every slot, replacing earlier bookings of the same
	 * sessions (a moved session), or nothing at all.
	 * @param resources the resource keys
	 * @param slots the sessions' times
	 * @param mayKnowGroup whether the caller may learn about a session of a given group:
	 * the answer names the session in the way and its times only then
	 * @throws ApiProblem 409 naming the session already holding a resource, or, when the
	 * caller may not know it, only the caller's own slot that cannot be booked
	 */
	public void book(Collection<String> resources, List<Booking> slots, Predicate<String> mayKnowGroup) {
		Map<String, List<Booking>> undo = new LinkedHashMap<>();
		try {
			for (String resource : new java.util.LinkedHashSet<>(resources)) {
				List<Booking> replaced = Retries.onConflict(() -> bookOne(resource, slots, mayKnowGroup));
				undo.put(resource, replaced);
			}
		}
		catch (RuntimeException ex) {
			undo.forEach((resource, replaced) -> Retries.onConflict(() -> restore(resource, slots, replaced)));
			throw ex;
		}
	}

	/**
	 * Frees the resources held by some sessions.
	 * @param resources the resource keys
	 * @param sessionIds the sessions
	 */
	public void release(Collection<String> resources, Collection<String> sessionIds) {
		for (String resource : new HashSet<>(resources)) {
			this.mongo.updateFirst(new Query(Criteria.where("_id").is(resource)),
					new Update()
						.pull("bookings",
								new org.bson.Document("sessionId",
										new org.bson.Document("$in", List.copyOf(sessionIds))))
						.inc("version", 1),
					ResourceCalendar.class);
		}
	}

	/**
	 * Gives back the rest of a session's slot once it has ended: the facilitators and
	 * room are free from {@code end} on (for the whole slot if it ended before it was due
	 * to begin), while the time it was held stays booked.
	 * @param resources the resource keys the session holds
	 * @param sessionId the session
	 * @param end when it ended
	 */
	public void endEarly(Collection<String> resources, String sessionId, Instant end) {
		for (String resource : new java.util.LinkedHashSet<>(resources)) {
			Retries.onConflict(() -> endEarly(resource, sessionId, end));
		}
	}

	private Void endEarly(String resource, String sessionId, Instant end) {
		ResourceCalendar calendar = this.mongo.findById(resource, ResourceCalendar.class);
		if (calendar == null) {
			return null;
		}
		List<Booking> bookings = calendar.getBookings();
		boolean changed = false;
		for (int i = bookings.size() - 1; i >= 0; i--) {
			Booking booking = bookings.get(i);
			if (!booking.sessionId().equals(sessionId)) {
				continue;
			}
			Booking held = booking.endingBy(end);
			if (held == booking) {
				continue;
			}
			changed = true;
			if (held != null) {
				bookings.set(i, held);
			}
			else {
				bookings.remove(i);
			}
		}
		if (changed) {
			this.mongo.save(calendar);
		}
		return null;
	}

	/**
	 * Drops bookings that ended before a time, so resource documents stay small.
	 * @param before the cut-off
	 */
	public void prune(Instant before) {
		this.mongo.updateMulti(new Query(),
				new Update().pull("bookings", new org.bson.Document("endsAt", new org.bson.Document("$lt", before)))
					.inc("version", 1),
				ResourceCalendar.class);
	}

	private List<Booking> bookOne(String resource, List<Booking> slots, Predicate<String> mayKnowGroup) {
		Set<String> sessionIds = new HashSet<>();
		slots.forEach((slot) -> sessionIds.add(slot.sessionId()));
		ResourceCalendar calendar = this.mongo.findById(resource, ResourceCalendar.class);
		boolean fresh = calendar == null;
		if (fresh) {
			calendar = new ResourceCalendar(resource);
		}
		List<Booking> replaced = new ArrayList<>();
		List<Booking> kept = new ArrayList<>();
		for (Booking booking : calendar.getBookings()) {
			(sessionIds.contains(booking.sessionId()) ? replaced : kept).add(booking);
		}
		for (Booking slot : slots) {
			for (Booking other : kept) {
				if (slot.overlaps(other)) {
					throw doubleBooking(resource, slot, other, mayKnowGroup);
				}
			}
		}
		calendar.getBookings().clear();
		calendar.getBookings().addAll(kept);
		calendar.getBookings().addAll(slots);
		try {
			if (fresh) {
				this.mongo.insert(calendar);
			}
			else {
				this.mongo.save(calendar);
			}
		}
		catch (DuplicateKeyException ex) {
			// created by a concurrent request: read it again
			throw new org.springframework.dao.OptimisticLockingFailureException(resource, ex);
		}
		return replaced;
	}

	/**
	 * The answer to a double booking. Another program's session in the way is not the
	 * caller's business: they learn only which of their own slots is taken.
	 */
	private static ApiProblem doubleBooking(String resource, Booking slot, Booking other,
			Predicate<String> mayKnowGroup) {
		if (mayKnowGroup.test(other.groupId())) {
			return ApiProblem.conflict(
					describe(resource) + " is already booked from " + other.startsAt() + " to " + other.endsAt()
							+ " by session " + other.sessionId() + ".",
					Map.of("conflictingSessionId", other.sessionId(), "conflictingGroupId", other.groupId(), "resource",
							describe(resource)));
		}
		return ApiProblem.conflict(
				describe(resource) + " is already booked at a time that overlaps the session from " + slot.startsAt()
						+ " to " + slot.endsAt() + ".",
				Map.of("resource", describe(resource), "startsAt", slot.startsAt().toString(), "endsAt",
						slot.endsAt().toString()));
	}

	private Void restore(String resource, List<Booking> slots, List<Booking> replaced) {
		ResourceCalendar calendar = this.mongo.findById(resource, ResourceCalendar.class);
		if (calendar == null) {
			return null;
		}
		Set<String> sessionIds = new HashSet<>();
		slots.forEach((slot) -> sessionIds.add(slot.sessionId()));
		calendar.getBookings().removeIf((booking) -> sessionIds.contains(booking.sessionId()));
		calendar.getBookings().addAll(replaced);
		this.mongo.save(calendar);
		return null;
	}

	private static String describe(String resource) {
		if (resource.startsWith("therapist:")) {
			return "Facilitator " + resource.substring("therapist:".length());
		}
		if (resource.startsWith("room:")) {
			String[] parts = resource.split(":", 3);
			return "Room '" + parts[2] + "'";
		}
		return resource;
	}

}
