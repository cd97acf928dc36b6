package org.therapygroups.auth.account;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param invitationBaseUrl the page of the web app that accepts invitations
 * @param invitationValidity how long an invitation code can be used
 * @param acceptRateLimit how often one client address may try a code
 */
@ConfigurationProperties("therapy.accounts")
public record AccountsProperties(@DefaultValue("http://127.0.0.1:8080/invite") URI invitationBaseUrl,
		@DefaultValue("7d") Duration invitationValidity, @DefaultValue AcceptRateLimit acceptRateLimit) {

	public record AcceptRateLimit(@DefaultValue("10") int capacity, @DefaultValue("10") int refillPerMinute) {

	}

}
