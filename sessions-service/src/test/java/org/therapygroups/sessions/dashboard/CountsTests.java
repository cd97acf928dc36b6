package org.therapygroups.sessions.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures of one session and their sums, as the read model precomputes them. */
class CountsTests {

	private static final Instant START = Instant.parse("2026-09-01T16:00:00Z");

	private static final Instant END = START.plusSeconds(5400);

	@Test
	void everyAttendanceStatusLandsInItsColumnAndLateAndLeftEarlyCountAsAttended() {
		SessionModel session = session().attended("a", "PRESENT", 1)
			.attended("b", "LATE", 1)
			.attended("c", "LEFT_EARLY", 1)
			.attended("d", "NO_SHOW", 1)
			.attended("e", "CANCELLED_BY_PATIENT", 1)
			.attended("f", "CANCELLED_BY_CLINICIAN", 1)
			.attended("g", "LATE_CANCELLATION", 1)
			.attended("h", "EXCUSED", 1)
			.attended("i", "NOT_RECORDED", 1);

		Counts counts = Counts.of(session, 10);

		assertThat(counts).isEqualTo(new Counts(1, 1, 0, 10, 10, 3, 1, 1, 1, 2, 1, 1, 0, 0, 1));
		assertThat(counts.recorded()).isEqualTo(8);
		Figures figures = Figures.of(counts, 0, null);
		assertThat(figures.attendanceRate()).isEqualTo(0.375);
		assertThat(figures.noShowRate()).isEqualTo(0.125);
		assertThat(figures.utilisation()).isEqualTo(0.3);
		assertThat(figures.averageGroupSize()).isEqualTo(3.0);
	}

	@Test
	void aCancelledSessionCountsOnlyAsCancelled() {
		Counts counts = Counts.of(session().attended("a", "PRESENT", 1).withStatus(SessionModel.CANCELLED), 8);

		assertThat(counts).isEqualTo(new Counts(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
	}

	@Test
	void aFutureSessionHasSeatsButIsNotHeldAndOwesNoNote() {
		Counts counts = Counts.of(session(), 8);

		assertThat(counts.sessionsScheduled()).isEqualTo(1);
		assertThat(counts.sessionsHeld()).isZero();
		assertThat(counts.seatsScheduled()).isEqualTo(8);
		assertThat(counts.seatsHeld()).isZero();
		assertThat(counts.notesUnsigned()).isZero();
		assertThat(Figures.of(counts, 0, null).attendanceRate()).isNull();
	}

	@Test
	void aNoteSignedWithin72HoursIsOnTimeAndOneSignedLaterIsLate() {
		SessionModel completed = session().withStatus(SessionModel.COMPLETED).withNote(SessionModel.Note.due(END));

		Counts unsigned = Counts.of(completed, 8);
		Counts onTime = Counts.of(completed
			.withNote(new SessionModel.Note("SIGNED", END.plusSeconds(72 * 3600), END.plusSeconds(72 * 3600))), 8);
		Counts late = Counts.of(
				completed.withNote(
						new SessionModel.Note("SIGNED", END.plusSeconds(72 * 3600), END.plusSeconds(72 * 3600 + 1))),
				8);

		assertThat(List.of(unsigned.notesUnsigned(), unsigned.notesSignedOnTime(), unsigned.notesSignedLate()))
			.containsExactly(1L, 0L, 0L);
		assertThat(List.of(onTime.notesUnsigned(), onTime.notesSignedOnTime(), onTime.notesSignedLate()))
			.containsExactly(0L, 1L, 0L);
		assertThat(List.of(late.notesUnsigned(), late.notesSignedOnTime(), late.notesSignedLate())).containsExactly(0L,
				0L, 1L);
	}

	@Test
	void anOlderAttendanceVersionArrivingLateChangesNothing() {
		SessionModel session = session().attended("a", "NO_SHOW", 2).attended("a", "PRESENT", 1);

		assertThat(session.attendance().get("a").status()).isEqualTo("NO_SHOW");
		assertThat(session.attended("a", "EXCUSED", 3).attendance().get("a").status()).isEqualTo("EXCUSED");
	}

	@Test
	void countsAddUpColumnByColumn() {
		Counts one = Counts.of(session().attended("a", "PRESENT", 1).attended("b", "NO_SHOW", 1), 6);
		Counts two = Counts.of(session().attended("a", "LATE", 1), 6);

		Counts sum = one.plus(two).plus(Counts.ZERO);

		// both were held and neither note is signed yet
		assertThat(sum).isEqualTo(new Counts(2, 2, 0, 12, 12, 2, 1, 0, 1, 0, 0, 0, 0, 0, 2));
	}

	@Test
	void overdueNotesAreCountedAgainstNow() {
		GroupMonth.SessionFigures figures = new GroupMonth.SessionFigures(START, LocalDate.of(2026, 9, 1),
				SessionModel.COMPLETED, new Counts(1, 1, 0, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
				END.plusSeconds(72 * 3600));

		assertThat(figures.noteOverdue(END.plusSeconds(72 * 3600))).isFalse();
		assertThat(figures.noteOverdue(END.plusSeconds(72 * 3600 + 1))).isTrue();
	}

	private static SessionModel session() {
		return SessionModel.empty("s1", "g1").scheduled(START, END);
	}

}
