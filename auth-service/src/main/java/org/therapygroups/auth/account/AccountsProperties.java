package org.therapygroups.auth.account;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param invitationBaseUrl the page of the web app that accepts invitations
 * @param invitationValidity how long an invitation code can be used
 * @param acceptRateLimit how often a code may be tried (see {@code AcceptRateLimiter})
 */
@ConfigurationProperties("therapy.accounts")
public record AccountsProperties(@DefaultValue("http://127.0.0.1:8080/invite") URI invitationBaseUrl,
		@DefaultValue("7d") Duration invitationValidity, @DefaultValue AcceptRateLimit acceptRateLimit) {

	/**
	 * @param perAddress failed attempts (unknown, expired or used codes) of one client
	 * address
	 * @param perCode attempts on one code, from any address
	 */
	public record AcceptRateLimit(@DefaultValue PerAddress perAddress, @DefaultValue PerCode perCode) {

	}

	/**
	 * @param capacity failed attempts in a burst
	 * @param refillPerMinute failed attempts allowed again per minute after that
	 */
	public record PerAddress(@DefaultValue("10") int capacity, @DefaultValue("1") int refillPerMinute) {

	}

	/**
	 * @param capacity attempts in a burst
	 * @param refillPerMinute attempts allowed again per minute after that
	 */
	public record PerCode(@DefaultValue("5") int capacity, @DefaultValue("1") int refillPerMinute) {

	}

}
