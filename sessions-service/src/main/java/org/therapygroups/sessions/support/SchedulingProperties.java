package org.therapygroups.sessions.support;

import java.net.URI;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param horizon how far ahead a group's occurrences exist as sessions
 * @param publicBaseUrl the address users reach the platform at, for calendar-feed URLs
 * @param maxSessionsPerGroup the most sessions one group may have within the horizon; it
 * also bounds every expansion of a rule, so one request never creates, books or ends more
 */
@ConfigurationProperties("therapy.sessions")
public record SchedulingProperties(Period horizon, URI publicBaseUrl, int maxSessionsPerGroup) {

	public SchedulingProperties {
		if (horizon == null || horizon.isNegative() || horizon.isZero()) {
			horizon = Period.ofWeeks(26);
		}
		if (maxSessionsPerGroup < 1) {
			maxSessionsPerGroup = 500;
		}
		if (publicBaseUrl == null) {
			publicBaseUrl = URI.create("http://127.0.0.1:8080");
		}
	}

}
