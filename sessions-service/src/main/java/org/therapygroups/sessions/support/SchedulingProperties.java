package org.therapygroups.sessions.support;

import java.net.URI;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param horizon how far ahead a group's occurrences exist as sessions
 * @param publicBaseUrl the address users reach the platform at, for calendar-feed URLs
 */
@ConfigurationProperties("therapy.sessions")
public record SchedulingProperties(Period horizon, URI publicBaseUrl) {

	public SchedulingProperties {
		if (horizon == null || horizon.isNegative() || horizon.isZero()) {
			horizon = Period.ofWeeks(26);
		}
		if (publicBaseUrl == null) {
			publicBaseUrl = URI.create("http://127.0.0.1:8080");
		}
	}

}
