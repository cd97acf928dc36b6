package org.therapygroups.sessions.calendar;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.sessions.support.SchedulingProperties;

/**
 * A user's own schedule as JSON, and their secret iCalendar feed URL. The feed itself is
 * public (calendar apps send no bearer token): the unguessable token in the path is the
 * credential.
 */
@RestController
@RequestMapping("/api/sessions")
class CalendarController {

	static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=utf-8");

	private final Schedules schedules;

	private final CalendarFeeds feeds;

	private final SchedulingProperties properties;

	CalendarController(Schedules schedules, CalendarFeeds feeds, SchedulingProperties properties) {
		this.schedules = schedules;
		this.feeds = feeds;
		this.properties = properties;
	}

	@GetMapping("/me/schedule")
	@Operation(operationId = "mySchedule", summary = "The caller's sessions as JSON (patient, therapist)")
	List<ScheduleItem> schedule(Actor actor, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		CalendarFeeds.requireFeedRole(actor);
		return this.schedules.of(actor, this.schedules.range(from, to));
	}

	@PostMapping("/me/calendar-feed")
	@Operation(operationId = "createCalendarFeed",
			summary = "Create (or replace) the caller's secret iCalendar link; shown once",
			responses = @ApiResponse(responseCode = "201", description = "Created"))
	ResponseEntity<FeedCreated> createFeed(Actor actor) {
		CalendarFeeds.Created created = this.feeds.create(actor);
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new FeedCreated(feedUrl(created.token()), created.createdAt()));
	}

	@GetMapping("/me/calendar-feed")
	@Operation(operationId = "getCalendarFeed", summary = "Whether the caller has a calendar link, without its secret")
	FeedStatus feed(Actor actor) {
		return this.feeds.activeOf(actor)
			.map((feed) -> new FeedStatus(true, feed.createdAt()))
			.orElse(new FeedStatus(false, null));
	}

	@DeleteMapping("/me/calendar-feed")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeCalendarFeed", summary = "Revoke the caller's calendar link")
	void revokeFeed(Actor actor) {
		this.feeds.revoke(actor);
	}

	@GetMapping("/public/calendar/{token}.ics")
	@Operation(operationId = "calendarFeed",
			summary = "The RFC 5545 calendar behind a secret link (anyone with the link)",
			responses = @ApiResponse(responseCode = "200", description = "An iCalendar document",
					content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string"))))
	ResponseEntity<String> ics(@PathVariable String token) {
		CalendarFeed feed = this.feeds.resolve(token).orElseThrow(() -> ApiProblem.notFound("This calendar feed"));
		// The path is the credential and the answer says when someone goes to therapy:
		// no cache, shared or private, keeps a copy, and every poll asks again, so a
		// revoked or replaced feed stops at the next one. Clients poll every few
		// minutes anyway; a stored copy would save little.
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.cacheControl(CacheControl.noStore())
			.header("X-Content-Type-Options", "nosniff")
			.body(this.schedules.ics(feed));
	}

	private String feedUrl(String token) {
		URI base = this.properties.publicBaseUrl();
		String prefix = base.toString().replaceAll("/+$", "");
		return prefix + "/api/sessions/public/calendar/" + token + ".ics";
	}

	/** The new feed: the URL (with its secret) is shown once and never again. */
	record FeedCreated(String url, Instant createdAt) {
	}

	/** Whether the caller has a working feed, without its URL. */
	record FeedStatus(boolean active, Instant createdAt) {
	}

}
