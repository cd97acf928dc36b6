package org.therapygroups.auth.invitation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import org.therapygroups.auth.account.AccountsProperties;
import org.therapygroups.auth.security.SecurityTestConfig;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The acceptance rate limit (two failed attempts per address here) counts the address the
 * gateway vouches for, and ignores {@code X-Forwarded-For} from anybody else. Every
 * attempt here brings a refused code; {@link Invitations} is the only stand-in.
 */
@WebMvcTest(controllers = AcceptController.class,
		properties = { "therapy.accounts.accept-rate-limit.per-address.capacity=2",
				"therapy.accounts.accept-rate-limit.per-address.refill-per-minute=1",
				"therapy.accounts.accept-rate-limit.per-code.capacity=100",
				"therapy.security.trusted-proxies=10.1.2.3/32" })
@Import({ SecurityTestConfig.class, ClientAddresses.class, AcceptRateLimiter.class, InvitationAcceptance.class,
		AcceptClientAddressTests.Properties.class })
class AcceptClientAddressTests {

	private static final String GATEWAY = "10.1.2.3";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Invitations invitations;

	@BeforeEach
	void setUp() {
		given(this.invitations.accept(anyString(), anyString()))
			.willThrow(new Invitations.RefusedCode(HttpStatus.BAD_REQUEST, "The invitation code is not valid."));
	}

	@Test
	void aCallerOtherThanTheGatewayCannotPickANewAddressPerAttempt() throws Exception {
		accept("203.0.113.50", "198.51.100.1").andExpect(status().isBadRequest());
		accept("203.0.113.50", "198.51.100.2").andExpect(status().isBadRequest());
		accept("203.0.113.50", "198.51.100.3").andExpect(status().isTooManyRequests())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void behindTheGatewayEachClientHasItsOwnLimit() throws Exception {
		accept(GATEWAY, "198.51.100.20").andExpect(status().isBadRequest());
		accept(GATEWAY, "198.51.100.20").andExpect(status().isBadRequest());
		accept(GATEWAY, "198.51.100.20").andExpect(status().isTooManyRequests());
		// another client behind the same gateway
		accept(GATEWAY, "198.51.100.21").andExpect(status().isBadRequest());
		// only the entry the gateway wrote counts, not what a client put before it
		accept(GATEWAY, "192.0.2.99, 198.51.100.20").andExpect(status().isTooManyRequests());
	}

	private ResultActions accept(String peer, String forwardedFor) throws Exception {
		return this.mvc.perform(post("/api/auth/public/invitations/accept").with((request) -> {
			request.setRemoteAddr(peer);
			return request;
		})
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"c\",\"password\":\"Welcome-to-group-7\"}"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AccountsProperties.class)
	static class Properties {

	}

}
