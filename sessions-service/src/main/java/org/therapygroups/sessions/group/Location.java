package org.therapygroups.sessions.group;

import java.util.Locale;

/**
 * Where a group meets: a room of the program (booked like a facilitator, never twice at
 * once) or a telehealth link, or both for hybrid groups.
 *
 * @param room the room's name, or {@code null}
 * @param telehealthUrl the video link, or {@code null}
 */
public record Location(String room, String telehealthUrl) {

	/**
	 * The booking key of the room: rooms are per program, and "Room 2" and "room 2 " are
	 * the same room.
	 * @param programId the program
	 * @return the key, or {@code null} without a room
	 */
	public String roomKey(String programId) {
		if (this.room == null || this.room.isBlank()) {
			return null;
		}
		return "room:" + programId + ":" + this.room.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
