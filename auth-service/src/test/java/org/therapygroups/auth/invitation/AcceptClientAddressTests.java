package org.therapygroups.auth.invitation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
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
 * The acceptance rate limit (two attempts per address here) counts the address the
 * gateway vouches for, and ignores {@code X-Forwarded-For} from anybody else. Keycloak
 * (behind {@link Invitations}) is the only stand-in.
 */
@WebMvcTest(controllers = AcceptController.class, properties = { "therapy.accounts.accept-rate-limit.capacity=2",
		"therapy.accounts.accept-rate-limit.refill-per-minute=1", "therapy.security.trusted-proxies=10.1.2.3/32" })
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
			.willReturn(new Invitations.Accepted("u-1", "pia", "patient"));
	}

	@Test
	void aCallerOtherThanTheGatewayCannotPickANewAddressPerAttempt() throws Exception {
		accept("203.0.113.50", "198.51.100.1").andExpect(status().isOk());
		accept("203.0.113.50", "198.51.100.2").andExpect(status().isOk());
		accept("203.0.113.50", "198.51.100.3").andExpect(status().isTooManyRequests())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void behindTheGatewayEachClientHasItsOwnLimit() throws Exception {
		accept(GATEWAY, "198.51.100.20").andExpect(status().isOk());
		accept(GATEWAY, "198.51.100.20").andExpect(status().isOk());
		accept(GATEWAY, "198.51.100.20").andExpect(status().isTooManyRequests());
		// another client behind the same gateway
		accept(GATEWAY, "198.51.100.21").andExpect(status().isOk());
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
