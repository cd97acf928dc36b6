package org.therapygroups.auth.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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

import org.therapygroups.auth.account.Account;
import org.therapygroups.auth.account.AccountStatus;
import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.AccountsProperties;
import org.therapygroups.auth.account.InvitationCodes;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.auth.account.Onboarding;
import org.therapygroups.auth.security.SecurityTestConfig;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The acceptance limits as configured in {@code application.yml}: a waiting room sets up
 * its accounts on one tablet, while wrong codes from one address and attempts on one code
 * are stopped. The invitations are real; their accounts and Keycloak are stand-ins, and
 * the clock stands still unless a test moves it. Each test uses its own addresses and
 * codes, since the limits live as long as the context.
 */
@WebMvcTest(controllers = AcceptController.class)
@Import({ SecurityTestConfig.class, ClientAddresses.class, AcceptRateLimiter.class, InvitationAcceptance.class,
		Invitations.class, AcceptRateLimitTests.Properties.class })
class AcceptRateLimitTests {

	private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Accounts accounts;

	@MockitoBean
	private KeycloakUsers keycloak;

	@MockitoBean
	private Onboarding onboarding;

	@MockitoBean
	private Clock clock;

	@BeforeEach
	void setUp() {
		given(this.clock.instant()).willAnswer((invocation) -> this.now.get());
		given(this.clock.millis()).willAnswer((invocation) -> this.now.get().toEpochMilli());
		given(this.accounts.update(any(), any(), any(), any())).willReturn(true);
	}

	@Test
	void fifteenPatientsSetUpTheirAccountsOnTheFrontDeskTabletWithinAMinute() throws Exception {
		for (int i = 1; i <= 15; i++) {
			invited("u-tablet-" + i, "tablet-code-" + i);
		}
		// all at the same moment: no refill helps
		for (int i = 1; i <= 15; i++) {
			accept("192.0.2.10", "tablet-code-" + i).andExpect(status().isOk());
		}
	}

	@Test
	void repeatedWrongCodesFromOneAddressAreRefusedAfterTheLimit() throws Exception {
		for (int i = 1; i <= 10; i++) {
			accept("192.0.2.20", "wrong-code-" + i).andExpect(status().isBadRequest());
		}
		refusedForAMinute(accept("192.0.2.20", "wrong-code-11"), "wrong-code");
		// not even a good code: the address cannot try any more for now
		invited("u-late", "late-code");
		accept("192.0.2.20", "late-code").andExpect(status().isTooManyRequests());
		// another device in the same clinic is not affected
		accept("192.0.2.21", "late-code").andExpect(status().isOk());

		// one failed attempt a minute after that
		this.now.set(START.plus(Duration.ofMinutes(1)));
		accept("192.0.2.20", "wrong-code-12").andExpect(status().isBadRequest());
		accept("192.0.2.20", "wrong-code-13").andExpect(status().isTooManyRequests());
	}

	@Test
	void usedAndExpiredCodesCountAsFailedAttemptsToo() throws Exception {
		given(this.accounts.findByCodeHash(InvitationCodes.hash("used-code")))
			.willReturn(Optional.of(account("u-used", START.plus(Duration.ofDays(1)), START.minusSeconds(60))));
		given(this.accounts.findByCodeHash(InvitationCodes.hash("expired-code")))
			.willReturn(Optional.of(account("u-expired", START.minusSeconds(1), null)));
		for (int i = 0; i < 5; i++) {
			accept("192.0.2.30", "used-code").andExpect(status().isGone());
			accept("192.0.2.30", "expired-code").andExpect(status().isGone());
		}
		accept("192.0.2.30", "never-issued").andExpect(status().isTooManyRequests());
	}

	@Test
	void repeatedAttemptsOnOneCodeAreLimitedFromAnyAddress() throws Exception {
		invited("u-leaked", "leaked-code");
		willThrow(new ApiProblem(BAD_REQUEST, "The password does not meet the password policy.",
				List.of(new FieldError("password", "does not meet the password policy"))))
			.given(this.keycloak)
			.setPassword(eq("u-leaked"), anyString());
		for (int i = 1; i <= 5; i++) {
			accept("198.51.100." + i, "leaked-code").andExpect(status().isBadRequest());
		}
		refusedForAMinute(accept("198.51.100.6", "leaked-code"), "leaked-code");
		// the refusal is the code's: that address may go on with its own code
		invited("u-own", "own-code");
		accept("198.51.100.6", "own-code").andExpect(status().isOk());
	}

	/** 429 problem JSON that says when to try again and does not echo the code. */
	private static void refusedForAMinute(ResultActions answer, String code) throws Exception {
		answer.andExpect(status().isTooManyRequests())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(content().string(not(containsString(code))));
	}

	private void invited(String userId, String code) {
		given(this.accounts.findByCodeHash(InvitationCodes.hash(code)))
			.willReturn(Optional.of(account(userId, START.plus(Duration.ofDays(7)), null)));
	}

	private static Account account(String userId, Instant expiresAt, Instant usedAt) {
		return new Account(userId, userId + ".123456", "patient", "Pia Patient",
				(usedAt != null) ? AccountStatus.ACTIVE : AccountStatus.INVITED, null, null,
				new Account.Invitation("hash", expiresAt, usedAt), "t-1", START, START, List.of());
	}

	private ResultActions accept(String address, String code) throws Exception {
		return this.mvc.perform(post("/api/auth/public/invitations/accept").with((request) -> {
			request.setRemoteAddr(address);
			return request;
		})
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"" + code + "\",\"password\":\"Welcome-to-group-7\"}"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AccountsProperties.class)
	static class Properties {

	}

}
