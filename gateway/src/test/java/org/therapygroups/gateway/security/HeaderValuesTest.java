package org.therapygroups.gateway.security;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {

	/** Spring Security's default check, which {@link HeaderValues} replaces. */
	private static final Pattern FIREWALL_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	@Test
	void acceptsPrintableValuesAndRefusesControlAndUnassignedCharacters() {
		assertThat(HeaderValues.allowed(null)).as("an absent header").isTrue();
		assertThat(HeaderValues.allowed("")).isTrue();
		assertThat(HeaderValues.allowed("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")).isTrue();
		assertThat(HeaderValues.allowed("text/html; q=0.9, Grüße, 日本, \uD83D\uDE00")).isTrue();
		assertThat(HeaderValues.allowed("a\tb")).isFalse();
		assertThat(HeaderValues.allowed("a\r\nInjected: yes")).isFalse();
		assertThat(HeaderValues.allowed("nul\u0000")).isFalse();
		assertThat(HeaderValues.allowed("del\u007f")).isFalse();
		assertThat(HeaderValues.allowed("c1\u0085")).isFalse();
		assertThat(HeaderValues.allowed("unassigned\u0378")).isFalse();
	}

	@Test
	void agreesWithTheFirewallsOwnPatternOnEveryCharacterAndOnRandomValues() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "x" + Character.toString(codePoint) + "y";
			assertThat(HeaderValues.allowed(value)).as("U+%04X", codePoint)
				.isEqualTo(FIREWALL_DEFAULT.matcher(value).matches());
		}
		Random random = new Random(7);
		for (int i = 0; i < 10_000; i++) {
			StringBuilder value = new StringBuilder();
			for (int j = random.nextInt(12); j > 0; j--) {
				// lone surrogates included: both must refuse or accept them alike
				value.append((char) random.nextInt(0x10000));
			}
			assertThat(HeaderValues.allowed(value.toString())).as(value.toString())
				.isEqualTo(FIREWALL_DEFAULT.matcher(value).matches());
		}
	}

}
